/**
 * The print station's only style sheet and script, served from /warehouse/assets/ so that the pages'
 * Content-Security-Policy allows `'self'` and nothing inline. The script is an enhancement: without
 * it every action still works (a PDF opens in a new tab to print from there).
 */
export const STATION_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;background:#f4f5f7}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:8px;z-index:2}
.bar{display:flex;flex-wrap:wrap;gap:12px;align-items:center;justify-content:space-between;padding:10px 16px;background:#1d2b3a;color:#fff}
.bar a,.bar button{color:#fff}.brand{font-weight:700;text-decoration:none}
.bar nav{display:flex;gap:12px;align-items:center}
main{max-width:1100px;margin:0 auto;padding:16px}
.card{background:#fff;border:1px solid #d6d9de;border-radius:6px;padding:16px;margin:12px 0}
form.card label,form.card input,form.card select{display:block;width:100%;max-width:420px}
label{font-weight:600;margin-top:10px}
input,select,button{font:inherit;padding:8px 10px;border:1px solid #8a94a3;border-radius:4px}
button{background:#0b5cad;color:#fff;border-color:#0b5cad;cursor:pointer;margin-top:10px}
.bar button{background:transparent;border-color:#fff;margin:0;padding:4px 8px}
button:focus,input:focus,select:focus,a:focus{outline:3px solid #f5a623;outline-offset:2px}
.search{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end;margin:8px 0 16px}
.search label{width:100%}.search input{flex:1;min-width:240px;font-size:20px}
.inline,.inline-form{display:inline-flex;gap:8px;align-items:center;flex-wrap:wrap}
table{width:100%;border-collapse:collapse;background:#fff}
th,td{text-align:left;padding:8px;border-bottom:1px solid #e3e5e8;vertical-align:top}
.mono{font-family:ui-monospace,Menlo,Consolas,monospace}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
.notice{background:#e7f6ea;border:1px solid #3c9a4e;padding:10px;border-radius:4px}
.error{background:#fdecea;border:1px solid #c62828;padding:10px;border-radius:4px}
.hint{color:#4a5260;font-size:14px;margin:2px 0 8px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px}dt{font-weight:600}dd{margin:0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
`;

export const STATION_JS = `
'use strict';
(function () {
  var frame = document.getElementById('print-frame');
  function printBlob(blob) {
    var url = URL.createObjectURL(blob);
    frame.onload = function () {
      try { frame.contentWindow.focus(); frame.contentWindow.print(); } catch (e) { window.open(url, '_blank'); }
      document.body.setAttribute('data-last-print', 'done');
    };
    frame.src = url;
  }
  document.addEventListener('submit', function (event) {
    var button = event.submitter;
    if (!button || !button.hasAttribute('data-print-pdf') || !frame || !window.fetch) return;
    event.preventDefault();
    var form = button.form;
    var data = new URLSearchParams(new FormData(form));
    data.set(button.name, button.value);
    document.body.setAttribute('data-last-print', 'pending');
    // form.action would be the button named "action": read the attribute.
    fetch(button.getAttribute('formaction') || form.getAttribute('action'), { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (res) {
        if (!res.ok || res.headers.get('content-type') !== 'application/pdf') { window.location.reload(); return null; }
        return res.blob();
      })
      .then(function (blob) { if (blob) printBlob(blob); });
  });
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[data-print-pdf]');
    if (!link || !frame || !window.fetch) return;
    event.preventDefault();
    fetch(link.href, { credentials: 'same-origin' }).then(function (res) { return res.blob(); }).then(printBlob);
  });
})();
`;
