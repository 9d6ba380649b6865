// Print buttons of the order page and packing slips: hidden without JavaScript (the browser's own
// Print does the same), shown and wired here.
for (const button of document.querySelectorAll('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
