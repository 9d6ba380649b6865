/*
 * The checkout page's totals in place (views/orders/checkout.hbs). Progressive enhancement only: without
 * this file "Update totals" and "Use this address" submit to /checkout/totals and the page comes back
 * with the same summary. With it, changing the city, the delivery method, the coupon or the way to pay
 * asks /checkout/totals for the page and swaps in its summary, its delivery and payment choices and
 * the hidden summary field: every amount still comes from the server.
 */
(function () {
  'use strict';

  var form = document.getElementById('checkout-form');
  if (!form || !window.fetch || !window.DOMParser || !window.URLSearchParams) return;
  var status = document.getElementById('totals-status');
  var PRICED = ['city', 'shippingMethod', 'couponCode', 'paymentMethod'];
  var asked = 0;

  function swap(fresh, selector) {
    var now = document.querySelector(selector);
    var next = fresh.querySelector(selector);
    if (now && next) now.replaceWith(next);
  }

  function refresh(changed) {
    var mine = ++asked;
    var body = new URLSearchParams(new FormData(form));
    body.delete('intent');
    return fetch('/checkout/totals', { method: 'POST', body: body, credentials: 'same-origin', headers: { accept: 'text/html' } })
      .then(function (response) {
        if (!response.ok || response.redirected) throw new Error('not the checkout page');
        return response.text();
      })
      .then(function (html) {
        // A slower answer to an earlier change must not overwrite a newer one.
        if (mine !== asked) return;
        var fresh = new DOMParser().parseFromString(html, 'text/html');
        swap(fresh, '#checkout-summary');
        swap(fresh, '#checkout-due');
        swap(fresh, '#coupon-applied');
        // The group the shopper is using keeps its focus; the others may have new choices (another city).
        if (changed !== 'shippingMethod') swap(fresh, '#shippingMethod');
        if (changed !== 'paymentMethod') swap(fresh, '#paymentMethod');
        var coupon = fresh.getElementById('couponCode');
        var couponField = document.getElementById('couponCode');
        if (coupon && couponField && couponField.parentElement && coupon.parentElement) couponField.parentElement.replaceWith(coupon.parentElement);
        var shown = fresh.querySelector('input[name="shown"]');
        if (shown) form.elements.namedItem('shown').value = shown.value;
        var due = document.getElementById('checkout-due');
        if (status && due) status.textContent = 'Total updated: ' + due.textContent;
      })
      .catch(function () {
        // Leave the page as it is: Update totals and Place order still work the plain way.
      });
  }

  form.addEventListener('change', function (event) {
    var name = event.target && event.target.name;
    if (name === 'savedAddress') return fillAddress(event.target);
    if (PRICED.indexOf(name) !== -1) refresh(name);
  });

  // "Update totals" (the plain submit to /checkout/totals) updates in place instead.
  form.addEventListener('submit', function (event) {
    var button = event.submitter;
    if (!button || button.getAttribute('formaction') !== '/checkout/totals') return;
    event.preventDefault();
    if (button.value === 'useAddress') fillAddress(form.elements.namedItem('savedAddress'));
    else refresh('');
  });

  /** Copies the chosen saved address into the fields, then prices it (its city may change delivery). */
  function fillAddress(select) {
    var option = select && select.selectedOptions && select.selectedOptions[0];
    if (!option || !option.value) return;
    ['fullName', 'phone', 'address', 'city', 'postalCode'].forEach(function (name) {
      var field = form.elements.namedItem(name);
      if (field) field.value = option.dataset[name] || '';
    });
    refresh('city');
  }
})();
