import { createHash } from 'node:crypto';

/**
 * The pages' only style sheet, inlined (one request per page) and allowed by its hash in the
 * Content-Security-Policy instead of `'unsafe-inline'`. Mobile first: one column that reads at
 * 360 px, wider margins from 40 rem. Colours keep a contrast of at least 4.5:1 (WCAG AA) for text.
 */
export const PAGE_CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font:1rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","PingFang SC","Microsoft YaHei",sans-serif;color:#1b1f24;background:#f4f5f7}
a{color:#0a58a8}
a:focus-visible,button:focus-visible,input:focus-visible,summary:focus-visible{outline:3px solid #0a58a8;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:2}
.skip:focus{left:.5rem}
.vh{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.top{background:#14213d;color:#fff;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between}
.brand{margin:0;font-weight:700}
.langs{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem}
.langs a{color:#fff;text-decoration:none;padding:.35rem .55rem;border-radius:.3rem;display:inline-block;min-height:44px;line-height:2}
.langs a[aria-current]{background:#fff;color:#14213d;font-weight:700}
main{max-width:46rem;margin:0 auto;padding:1rem}
h1{font-size:1.6rem;line-height:1.25;margin:.5rem 0 .25rem}
h2{font-size:1.15rem;margin:0 0 .5rem}
h3{font-size:1rem;margin:0 0 .25rem}
.card{background:#fff;border-radius:.6rem;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.sub{margin:0 0 .5rem;color:#3d4450}
.badge{display:inline-block;font-weight:700;border-radius:1rem;padding:.15rem .7rem;margin:0 0 .5rem}
.badge.attention{background:#fff1db;color:#7a3e00}
.badge.problem{background:#fde7e7;color:#9b1c1c}
.bar{display:flex;gap:4px;margin:.75rem 0 .25rem}
.seg{flex:1;height:.6rem;border-radius:.3rem;background:#d5d9e0}
.seg.done,.seg.current{background:#1f7a3f}
.tone-attention .seg.current{background:#b85c00}
.tone-problem .seg.current{background:#b42318}
.tone-returning .seg.current,.tone-cancelled .seg.current{background:#5b6270}
.progress-text{margin:.25rem 0 .5rem;font-weight:600}
.steps{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.15rem .9rem;font-size:.8rem;line-height:1.3;color:#3d4450}
.steps li[data-state=done]::before{content:"✓ " / "";color:#1f7a3f}
.steps li[aria-current]{color:#1b1f24;font-weight:700}
dl{margin:0}
dt{color:#3d4450;font-size:.9rem}
dd{margin:0 0 .5rem;font-weight:600;overflow-wrap:anywhere}
.mono{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:.03em}
.note{margin:.5rem 0 0;color:#3d4450;font-size:.9rem}
.duties{margin:.5rem 0 0;font-weight:600}
.timeline{list-style:none;margin:0;padding:0}
.timeline li{position:relative;padding:0 0 1rem 1.25rem;border-left:2px solid #d5d9e0;margin-left:.35rem}
.timeline li:last-child{border-left-color:transparent;padding-bottom:0}
.timeline li::before{content:"";position:absolute;left:-.45rem;top:.3rem;width:.8rem;height:.8rem;border-radius:50%;background:#8a93a3}
.timeline li:first-child::before{background:#1f7a3f}
.timeline li.action::before{background:#b85c00}
.ev-status{margin:0;font-weight:700}
.ev-desc{margin:0;overflow-wrap:anywhere}
.ev-meta{margin:0;color:#3d4450;font-size:.9rem}
.parcels,.returns{list-style:none;margin:0;padding:0}
.parcels>li,.returns>li{border-top:1px solid #e3e6eb;padding:.75rem 0}
.parcels>li:first-child,.returns>li:first-child{border-top:0;padding-top:0}
details summary{cursor:pointer;color:#0a58a8;min-height:44px;display:flex;align-items:center}
form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:flex-end}
label{display:block;font-weight:600;margin:0 0 .25rem}
.field{flex:1 1 12rem}
input{font:inherit;width:100%;padding:.6rem .7rem;border:1px solid #6b7280;border-radius:.4rem;min-height:44px}
input[aria-invalid=true]{border-color:#b42318;border-width:2px}
button{font:inherit;font-weight:700;color:#fff;background:#0a58a8;border:0;border-radius:.4rem;padding:.6rem 1.1rem;min-height:44px;cursor:pointer}
.error{color:#9b1c1c;font-weight:600;margin:.5rem 0 0;flex-basis:100%}
.items{margin:0;padding-left:1.25rem}
footer{max-width:46rem;margin:0 auto;padding:0 1rem 2rem;color:#3d4450;font-size:.85rem}
@media (min-width:30rem){dl{display:grid;grid-template-columns:minmax(7rem,auto) 1fr;gap:.25rem .75rem}dt{font-size:1rem}dd{margin:0}.steps{display:grid;gap:4px}.steps.n4{grid-template-columns:repeat(4,1fr)}.steps.n5{grid-template-columns:repeat(5,1fr)}.steps li[data-state=done]::before{content:none}}
@media (min-width:40rem){main{padding:1.5rem}h1{font-size:2rem}.card{padding:1.25rem 1.5rem}.steps{font-size:.85rem}}
`.trim();

/** The CSP source that allows exactly PAGE_CSS. */
export const PAGE_CSS_HASH = `'sha256-${createHash('sha256').update(PAGE_CSS).digest('base64')}'`;
