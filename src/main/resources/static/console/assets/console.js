// Simpul operator console: the little script it needs. htmx does the requests; this file only
// (1) sends the CSRF token with every htmx request and (2) asks before submitting forms marked
// with data-confirm. No message data is ever put into the page from here.
(function () {
  'use strict';
  function csrf() {
    var token = document.querySelector('meta[name="_csrf"]');
    var header = document.querySelector('meta[name="_csrf_header"]');
    return token && header ? { header: header.content, token: token.content } : null;
  }
  document.addEventListener('htmx:configRequest', function (event) {
    var c = csrf();
    if (c) {
      event.detail.headers[c.header] = c.token;
    }
  });
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var question = form && form.getAttribute && form.getAttribute('data-confirm');
    if (question && !window.confirm(question)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
