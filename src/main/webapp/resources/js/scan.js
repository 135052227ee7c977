// The page with a code to scan: asks every two seconds whether the phone has confirmed, then posts the finish form.
(function () {
    var status = document.getElementById('scan-status');
    var form = document.getElementById('scan-finish');
    if (!status || !form) {
        return;
    }
    var url = status.getAttribute('data-status-url');
    var timer = null;
    function show(key) {
        status.textContent = status.getAttribute('data-' + key);
    }
    function check() {
        var request = new XMLHttpRequest();
        request.open('GET', url);
        request.setRequestHeader('Accept', 'application/json');
        request.onload = function () {
            var answer = {};
            try {
                answer = JSON.parse(request.responseText);
            } catch (e) {
                answer = {status: 'waiting'};
            }
            if (answer.status === 'confirmed') {
                clearInterval(timer);
                show('confirmed');
                form.submit();
            } else if (answer.status === 'failed' || answer.status === 'finished') {
                clearInterval(timer);
                show('failed');
                var code = document.getElementById('scan-code');
                if (code) {
                    code.style.opacity = '0.2';
                }
            }
        };
        request.send();
    }
    timer = setInterval(check, 2000);
})();
