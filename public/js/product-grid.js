/*
 * The product editor's grid, a little quicker (views/admin/product-editor.hbs). Progressive enhancement
 * only: without this file every button posts the form and the server does the same. It shows the
 * "set a column for every row" row, lets Enter in "New colour" or "New size" add it (rather than save
 * the product, the form's first button), and says when ticked options wait for "Update grid".
 */
(function () {
  'use strict';

  var form = document.querySelector('[data-product-editor]');
  if (!form) return;

  var fill = form.querySelector('[data-grid-fill]');
  if (fill) {
    fill.hidden = false;
    fill.querySelector('[data-fill-apply]').addEventListener('click', function () {
      Array.prototype.forEach.call(fill.querySelectorAll('[data-fill]'), function (source) {
        var value = source.value.trim();
        if (value === '') return;
        Array.prototype.forEach.call(form.querySelectorAll('input[data-column="' + source.dataset.fill + '"]'), function (input) {
          input.value = value;
        });
        source.value = '';
      });
    });
  }

  Array.prototype.forEach.call(form.querySelectorAll('input[data-adds]'), function (input) {
    input.addEventListener('keydown', function (event) {
      if (event.key !== 'Enter' || input.value.trim() === '') return;
      event.preventDefault();
      var button = document.getElementById(input.dataset.adds);
      if (button) form.requestSubmit(button);
    });
  });

  var hint = form.querySelector('[data-grid-hint]');
  form.addEventListener('change', function (event) {
    var target = event.target;
    if (!hint || !target.matches('input[name="colours"], input[name="sizes"]')) return;
    hint.textContent = 'The colours or sizes ticked have changed: press Update grid to add or remove their rows before saving.';
  });
})();
