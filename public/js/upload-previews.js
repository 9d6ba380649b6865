// Shows small previews of the pictures chosen in an upload form (data-upload-previews), before they are
// sent. Progressive enhancement only: without it the form uploads the same files.
(function () {
  'use strict';
  for (const form of document.querySelectorAll('form[data-upload-previews]')) {
    const input = form.querySelector('input[type="file"]');
    const list = form.querySelector('.upload-previews');
    if (!input || !list || !window.URL || !URL.createObjectURL) continue;
    let shown = [];
    input.addEventListener('change', function () {
      for (const url of shown) URL.revokeObjectURL(url);
      shown = [];
      list.replaceChildren();
      for (const file of input.files) {
        const item = document.createElement('li');
        const caption = document.createElement('span');
        caption.textContent = file.name;
        if (file.type.startsWith('image/')) {
          const image = document.createElement('img');
          const url = URL.createObjectURL(file);
          shown.push(url);
          image.src = url;
          image.alt = '';
          item.append(image);
        }
        item.append(caption);
        list.append(item);
      }
      list.hidden = list.children.length === 0;
    });
  }
})();
