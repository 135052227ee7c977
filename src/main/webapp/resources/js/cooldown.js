// The "send code" button of the mobile form: disabled while the server's cool-down runs, with the seconds shown.
// The server enforces the interval anyway (HTTP 429); this only saves people a refused click.
(function () {
    var button = document.getElementById('mobile-send');
    var hint = document.getElementById('mobile-cooldown');
    if (!button || !hint) {
        return;
    }
    var left = parseInt(button.getAttribute('data-cooldown') || '0', 10);
    function tick() {
        if (left <= 0) {
            button.disabled = false;
            hint.hidden = true;
            return;
        }
        button.disabled = true;
        hint.hidden = false;
        hint.textContent = hint.getAttribute('data-text').replace('{0}', String(left));
        left -= 1;
        setTimeout(tick, 1000);
    }
    tick();
}());
