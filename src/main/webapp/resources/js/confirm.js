// Buttons with data-confirm ask before they submit (destructive actions). Inline handlers are not allowed by the CSP.
// data-confirm-if="fieldId=value" asks only when that field holds that value (e.g. a user's status set to disabled).
(function () {
    document.querySelectorAll('[data-confirm]').forEach(function (button) {
        button.addEventListener('click', function (event) {
            var question = button.getAttribute('data-confirm');
            var condition = button.getAttribute('data-confirm-if');
            if (!question) {
                return;
            }
            if (condition) {
                var at = condition.lastIndexOf('=');
                var field = at > 0 ? document.getElementById(condition.substring(0, at)) : null;
                if (field && field.value !== condition.substring(at + 1)) {
                    return; // asks when the condition holds, and when it cannot be read (better one question too many)
                }
            }
            if (!window.confirm(question)) {
                event.preventDefault();
            }
        });
    });
})();
