// Buttons with data-confirm ask before they submit (destructive actions). Inline handlers are not allowed by the CSP.
(function () {
    document.querySelectorAll('[data-confirm]').forEach(function (button) {
        button.addEventListener('click', function (event) {
            if (!window.confirm(button.getAttribute('data-confirm'))) {
                event.preventDefault();
            }
        });
    });
})();
