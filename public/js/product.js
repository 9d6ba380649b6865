/*
 * The product page without reloads (views/catalog/product.hbs). Progressive enhancement only: the page
 * works the same without this file, through swatch links (?colour=) and the server's checks. Choosing a
 * colour brings its pictures forward, marks the sizes it has sold out of, and shows the chosen variant's
 * price and stock, all read from the availability list's data attributes (never fetched).
 */
(function () {
  'use strict';

  var root = document.querySelector('[data-product]');
  if (!root) return;
  var colourSelect = root.querySelector('#colour');
  var sizeSelect = root.querySelector('#size');
  var gallery = root.querySelector('[data-gallery]');
  var figures = gallery ? Array.prototype.slice.call(gallery.querySelectorAll('figure[data-index]')) : [];
  var swatches = Array.prototype.slice.call(root.querySelectorAll('.swatch[data-colour]'));
  var price = root.querySelector('[data-offer-price]');
  var sale = root.querySelector('[data-offer-sale]');
  var stock = root.querySelector('[data-offer-stock]');
  var button = root.querySelector('[data-add-to-cart] button[type="submit"]');
  var variants = Array.prototype.map.call(root.querySelectorAll('[data-variant]'), function (item) {
    return {
      size: item.dataset.size || '',
      colour: item.dataset.colour || '',
      availability: item.dataset.availability,
      stockLabel: item.dataset.stockLabel || '',
      price: item.dataset.price || '',
      compareAt: item.dataset.compareAt || '',
      discount: item.dataset.discount || '',
    };
  });

  function variantFor(size, colour) {
    for (var i = 0; i < variants.length; i += 1) {
      if (variants[i].size === size && variants[i].colour === colour) return variants[i];
    }
    return null;
  }

  function chosenColour() {
    return colourSelect ? colourSelect.value : '';
  }

  /** The same order as the server's: this colour's pictures, then those of no colour; other colours hidden. */
  function showPictures(colour) {
    if (!gallery) return;
    var rank = function (figure) {
      var own = figure.dataset.colour || '';
      return own === colour ? 0 : own === '' ? 1 : 2;
    };
    var ordered = figures.slice().sort(function (a, b) {
      return rank(a) - rank(b) || Number(a.dataset.index) - Number(b.dataset.index);
    });
    var showAll = ordered.every(function (figure) {
      return rank(figure) === 2;
    });
    ordered.forEach(function (figure) {
      figure.hidden = !showAll && rank(figure) === 2;
      gallery.appendChild(figure);
    });
    var first = ordered[0] && ordered[0].querySelector('img');
    if (first) first.loading = 'eager';
  }

  function markSwatches(colour) {
    swatches.forEach(function (swatch) {
      if (swatch.dataset.colour === colour) swatch.setAttribute('aria-current', 'true');
      else swatch.removeAttribute('aria-current');
    });
  }

  /** Sizes sold out (or not made) in this colour are disabled, with the same words the server writes. */
  function markSizes(colour) {
    if (!sizeSelect) return;
    Array.prototype.forEach.call(sizeSelect.options, function (option) {
      var variant = variantFor(option.value, colour);
      var note = !variant
        ? ' — not in ' + (colour || 'stock')
        : variant.availability === 'sold_out'
          ? ' — sold out'
          : variant.availability === 'low_stock'
            ? ' — ' + variant.stockLabel.toLowerCase()
            : '';
      option.disabled = !variant || variant.availability === 'sold_out';
      option.textContent = option.value + note;
    });
    var selected = sizeSelect.options[sizeSelect.selectedIndex];
    if (!selected || selected.disabled) {
      var firstAvailable = Array.prototype.find.call(sizeSelect.options, function (option) {
        return !option.disabled;
      });
      if (firstAvailable) sizeSelect.value = firstAvailable.value;
    }
  }

  /** Price, sale and stock of the size × colour now chosen. */
  function showOffer() {
    var variant = variantFor(sizeSelect ? sizeSelect.value : '', chosenColour());
    if (!variant) {
      if (stock) {
        stock.textContent = 'Not available in this colour';
        stock.className = 'stock stock--sold_out';
      }
      if (button) button.disabled = true;
      return;
    }
    if (price) {
      price.textContent = variant.price;
      if (variant.compareAt) {
        var was = document.createElement('del');
        was.textContent = variant.compareAt;
        price.append(' ', was);
      }
    }
    if (sale) {
      sale.hidden = !variant.discount;
      sale.textContent = 'Sale −' + variant.discount + '%';
    }
    if (stock) {
      stock.textContent = variant.stockLabel;
      stock.className = 'stock stock--' + variant.availability;
    }
    if (button) button.disabled = variant.availability === 'sold_out';
  }

  function chooseColour(colour) {
    showPictures(colour);
    markSwatches(colour);
    markSizes(colour);
    showOffer();
    // The address says which colour is on show, for sharing and reloading, without a history entry per click.
    var url = new URL(window.location.href);
    url.searchParams.set('colour', colour);
    window.history.replaceState(window.history.state, '', url);
  }

  swatches.forEach(function (swatch) {
    swatch.addEventListener('click', function (event) {
      // A click meant for a new tab or window keeps its link.
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      if (colourSelect) colourSelect.value = swatch.dataset.colour;
      chooseColour(swatch.dataset.colour);
    });
  });
  if (colourSelect) {
    colourSelect.addEventListener('change', function () {
      chooseColour(colourSelect.value);
    });
  }
  if (sizeSelect) sizeSelect.addEventListener('change', showOffer);

  // Back/forward navigation may restore a colour the shopper had chosen, which the server did not render.
  var current = swatches.filter(function (swatch) {
    return swatch.hasAttribute('aria-current');
  })[0];
  if (colourSelect && current && current.dataset.colour !== colourSelect.value) chooseColour(colourSelect.value);
})();
