/**
 * The dashboard's only style sheet and script, served from memory (no build
 * step). Contrast is WCAG AA or better; the focus ring is always visible;
 * touch targets are 44 px high for tablets; print hides everything but the
 * page's content.
 */
export const STYLESHEET = `
:root{--ink:#1b1b1b;--muted:#4a4a4a;--line:#8a8a8a;--soft:#f2f4f7;--link:#0b4f9c;--ok:#0f5f2a;--okbg:#e7f4ea;--err:#8f1414;--errbg:#fbeaea;--warn:#6b4500;--warnbg:#fff4db;--focus:#ffbf47}
*{box-sizing:border-box}
html{font-size:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:#fff;line-height:1.45}
a{color:var(--link)}
a:focus,button:focus,input:focus,select:focus,textarea:focus,summary:focus{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
header.site{background:#12365f;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem}
header.site a{color:#fff}
header.site .brand{font-weight:700;font-size:1.1rem;text-decoration:none}
nav.main ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
nav.main a{display:inline-block;padding:.6rem .75rem;text-decoration:none;border-radius:4px;min-height:44px}
nav.main a[aria-current="page"]{background:#fff;color:#12365f;font-weight:600}
header.site .who{margin-left:auto;display:flex;align-items:center;gap:.5rem;flex-wrap:wrap}
header.site .who button{background:transparent;color:#fff;border:1px solid #fff}
main{padding:1rem 1.25rem 3rem;max-width:80rem}
h1{font-size:1.6rem;margin:.5rem 0 1rem}
h2{font-size:1.25rem;margin:1.75rem 0 .5rem}
h3{font-size:1.05rem;margin:1.25rem 0 .4rem}
.table-wrap{overflow-x:auto;margin:.5rem 0 1.25rem}
table{border-collapse:collapse;min-width:50%}
caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid var(--line);padding:.4rem .6rem;text-align:left;vertical-align:top}
thead th{background:var(--soft)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.full{background:var(--warnbg)}
.muted{color:var(--muted)}
.flash{padding:.75rem 1rem;border-left:6px solid;margin:0 0 1rem}
.flash.ok{background:var(--okbg);border-color:var(--ok)}
.flash.error{background:var(--errbg);border-color:var(--err)}
.flash ul{margin:.25rem 0 0;padding-left:1.2rem}
.note{background:var(--warnbg);border-left:6px solid var(--warn);padding:.6rem 1rem}
form.inline{display:inline}
label{font-weight:600;display:block;margin:.6rem 0 .2rem}
label.check{font-weight:400;display:inline-flex;align-items:center;gap:.35rem;margin:.25rem 1rem .25rem 0;min-height:44px}
input[type=text],input[type=email],input[type=tel],input[type=date],input[type=month],input[type=password],input[type=search],select,textarea{font:inherit;padding:.5rem;border:1px solid #555;border-radius:4px;min-height:44px;max-width:100%}
textarea{width:100%;min-height:6rem}
.grid input[type=text],.grid input[type=email],.grid input[type=tel],.grid select{width:100%}
fieldset{border:1px solid var(--line);border-radius:4px;margin:.75rem 0;padding:.5rem 1rem 1rem}
legend{font-weight:600;padding:0 .25rem}
button,.button{font:inherit;display:inline-block;min-height:44px;padding:.5rem 1rem;border-radius:4px;border:2px solid #12365f;background:#12365f;color:#fff;cursor:pointer;text-decoration:none}
button.secondary,.button.secondary{background:#fff;color:#12365f}
button.danger{background:var(--err);border-color:var(--err)}
button.small{min-height:36px;padding:.25rem .6rem;font-size:.9rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.75rem 0}
.error-text{color:var(--err);font-weight:600;margin:.2rem 0}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:1rem}
.grid.wide{grid-template-columns:repeat(auto-fit,minmax(min(100%,32rem),1fr));gap:0 2rem}
@media (max-width:75rem){.grid.wide{grid-template-columns:1fr}}
.card{border:1px solid var(--line);border-radius:6px;padding:.75rem 1rem}
.cal td{width:20%;min-width:9rem;height:5.5rem}
.cal .day{font-weight:700}
.cal .off{background:var(--soft);color:var(--muted)}
.cal ul{list-style:none;margin:.2rem 0 0;padding:0;font-size:.92rem}
.state-waiting{color:var(--warn)}
.state-absent{color:var(--err)}
.state-cancelled{color:var(--muted);text-decoration:line-through}
.code{font-family:ui-monospace,Consolas,monospace;font-size:1.6rem;letter-spacing:.15em;font-weight:700}
.letter{max-width:42rem;border:1px solid var(--line);padding:2rem;margin:1rem 0}
.letter .qr svg{width:12rem;height:12rem;max-width:100%}
.letter .link{overflow-wrap:anywhere}
pre{white-space:pre-wrap;overflow-wrap:anywhere}
pre.reply{white-space:pre-wrap;background:var(--soft);padding:1rem;border-radius:4px;font:inherit}
.chat{list-style:none;margin:0;padding:0;max-width:42rem}
.chat li{margin:.5rem 0;padding:.5rem .75rem;border:1px solid var(--line);border-radius:8px;overflow-wrap:anywhere}
.chat li.parent{margin-left:2rem}
.chat li.assistant{margin-right:2rem}
.chat .who{display:block;font-size:.85rem;color:var(--muted)}
.chat li p{margin:.25rem 0}
.chat pre.reply{margin:.25rem 0;padding:.5rem}
.chat-buttons{display:flex;flex-wrap:wrap;gap:.5rem}
.chat-buttons form{margin:0}
@media (max-width:40rem){.chat li.parent{margin-left:.75rem}.chat li.assistant{margin-right:.75rem}}
dl.kv{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
dl.kv dt{font-weight:600}
dl.kv dd{margin:0}
.site-footer{padding:0 1.25rem}
.visually-hidden{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.menu-button{display:none}
.print-only{display:none}
ul.closed-days{list-style:none;padding:0;margin:.5rem 0 1rem}
ul.closed-days li{background:var(--errbg);border-left:6px solid var(--err);padding:.5rem .75rem;margin:.25rem 0}
ul.cards{list-style:none;padding:0;margin:.5rem 0}
ul.cards li{border:1px solid var(--line);border-radius:6px;padding:.5rem .75rem;margin:.35rem 0}
.to-call{border:2px solid var(--warn);border-radius:6px;padding:0 1rem .5rem;margin:1rem 0}
.subtotal th,.subtotal td{background:var(--soft);font-weight:600}
.tick{display:flex;gap:.25rem;flex-wrap:wrap}
.tick button{min-width:5.5rem}
.tick button[aria-pressed="true"]{outline:3px solid var(--ok)}
.tick button.absent-btn{background:#fff;color:var(--err);border-color:var(--err)}
.tick button.absent-btn[aria-pressed="true"]{background:var(--err);color:#fff}
figure.occupancy{margin:.5rem 0 1.25rem}
ul.bars{list-style:none;margin:.25rem 0;padding:0;display:grid;gap:2px}
ul.bars li{display:grid;grid-template-columns:5.5rem 1fr 6.5rem;gap:.5rem;align-items:center;font-size:.9rem}
.bar{display:block;height:1rem;background:var(--soft);border:1px solid var(--line);position:relative;min-width:0;-webkit-print-color-adjust:exact;print-color-adjust:exact}
.bar span{display:block;height:100%;background:#2a6bb8}
.bar.over span{background:var(--err)}
${Array.from({ length: 21 }, (_, i) => `.bar span.w${i * 5}{width:${i * 5}%}`).join('\n')}
main,main *{overflow-wrap:anywhere}
@media (max-width:48rem){
  header.site.js-menu .menu-button{display:inline-block;margin-left:auto;background:transparent;border:1px solid #fff}
  header.site.js-menu nav.main,header.site.js-menu .who{display:none;width:100%}
  header.site.js-menu.open nav.main,header.site.js-menu.open .who{display:block}
  header.site.js-menu.open nav.main ul{flex-direction:column}
  header.site .who{margin-left:0}
}
@media (max-width:40rem){
  main{padding:.75rem}
  h1{font-size:1.35rem}
  table{min-width:0;width:100%}
  .table-wrap{overflow-x:visible}
  .table-wrap table,.table-wrap tbody,.table-wrap tr,.table-wrap td,.table-wrap tbody th{display:block;width:100%}
  .table-wrap caption{display:block}
  .table-wrap thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
  .table-wrap tr{border:1px solid var(--line);border-radius:6px;margin:0 0 .6rem;padding:.25rem .5rem}
  .table-wrap td,.table-wrap tbody th{border:none;padding:.2rem 0;text-align:left}
  .table-wrap td[data-label]::before,.table-wrap tbody th[data-label]::before{content:attr(data-label) " : ";font-weight:600;color:var(--muted)}
  .table-wrap td.num,.table-wrap th.num{text-align:left}
  .table-wrap td:empty{display:none}
  .cal td{min-width:0;height:auto}
  .letter{padding:1rem}
  input[type=text],input[type=email],input[type=search],input[type=password],input[type=file],select{width:100%;max-width:100%}
}
@media print{
  header.site,nav,footer,.no-print,form,.skip,.flash{display:none!important}
  body{font-size:11pt}
  main{padding:0;max-width:none}
  a{color:inherit;text-decoration:none}
  table{width:100%;page-break-inside:auto}
  tr{page-break-inside:avoid}
  th,td{border-color:#000}
  .letter{border:none;padding:0;margin:0}
  .letters .letter{break-after:page;page-break-after:always}
  .letter h1{font-size:16pt;margin:.5em 0}
  .letter h2{font-size:12pt;margin:.7em 0 .2em}
  .letter p,.letter ul{margin:.3em 0}
  .letter .qr svg{width:4.5cm;height:4.5cm}
  .letters .letter:last-child{break-after:auto;page-break-after:auto}
  .print-break{page-break-before:always}
  .print-only{display:inline!important}
  .table-wrap thead{position:static!important;width:auto!important;height:auto!important;clip:auto!important}
}
`;

/** Progressive enhancement only: every page works without it. */
export const SCRIPT = `
(function () {
  // On a phone, each cell of a table shown as a card says which column it is.
  document.querySelectorAll('.table-wrap table').forEach(function (table) {
    var heads = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
    if (!heads.length) return;
    table.querySelectorAll('tbody tr').forEach(function (tr) {
      Array.prototype.forEach.call(tr.children, function (cell, i) { if (heads[i] && !cell.hasAttribute('data-label')) cell.setAttribute('data-label', heads[i]); });
    });
  });
  // The menu folds behind one button on a phone.
  var header = document.querySelector('header.site');
  var button = document.querySelector('.menu-button');
  if (header && button) {
    header.classList.add('js-menu');
    button.hidden = false;
    button.addEventListener('click', function () {
      var open = header.classList.toggle('open');
      button.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
  }
})();
document.addEventListener('click', function (e) {
  var t = e.target && e.target.closest ? e.target.closest('[data-print]') : null;
  if (t) { e.preventDefault(); window.print(); }
  var c = e.target && e.target.closest ? e.target.closest('[data-confirm]') : null;
  if (c && !window.confirm(c.getAttribute('data-confirm'))) e.preventDefault();
});
`;
