// Forms marked data-autosubmit post themselves once the page has loaded (a logon page that goes straight on, a page
// that asks for a new code). A real form post keeps the CSRF token in play; inline scripts are not allowed by the CSP.
(function () {
    document.querySelectorAll('form[data-autosubmit]').forEach(function (form) {
        form.submit();
    });
})();
