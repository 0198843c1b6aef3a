/** The citizen pages' whole stylesheet, inlined: on 3G one request is worth more than caching. */
export const styles = `
*{box-sizing:border-box}
html{font-size:100%;-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1a1a1a;background:#f4f6f8}
header{background:#0b4f8a;color:#fff;padding:.75rem 1rem;display:flow-root}
header p{margin:0}
.unit{font-weight:700}
.lang{color:#fff;float:right;padding:.5rem;margin:-.5rem -.5rem 0 .5rem}
main{max-width:40rem;margin:0 auto;padding:1rem}
h1{font-size:1.375rem;line-height:1.3;margin:.25rem 0 1rem}
h2{font-size:1.125rem;margin:1.5rem 0 .5rem}
fieldset{border:0;margin:0 0 1.25rem;padding:0;min-width:0}
legend{font-weight:700;margin-bottom:.5rem;padding:0}
.opts{display:flex;flex-wrap:wrap;gap:.5rem}
.opt{position:relative;flex:1 1 8rem;display:flex}
.opt input{position:absolute;opacity:0;width:1px;height:1px}
.opt span{flex:1;display:flex;align-items:center;justify-content:center;text-align:center;min-height:3rem;padding:.5rem .75rem;border:2px solid #6b7785;border-radius:.5rem;background:#fff;cursor:pointer}
.opt input:checked+span{border-color:#0b4f8a;background:#dbeafe;font-weight:700;box-shadow:inset 0 0 0 2px #0b4f8a}
.opt input:focus-visible+span{outline:3px solid #b45309;outline-offset:2px}
.faces .opt{flex:1 1 0}
.faces span{flex-direction:column;min-height:7rem;font-weight:700}
.faces svg{width:3.5rem;height:3.5rem;margin-bottom:.25rem}
.check span{justify-content:flex-start;text-align:left}
label.t{display:block;font-weight:700;margin-bottom:.25rem}
input[type=text],input[type=search],textarea,select{width:100%;font:inherit;padding:.625rem;border:2px solid #6b7785;border-radius:.5rem;background:#fff}
textarea{min-height:5rem}
.hint,.count{color:#4a5561;font-size:.9375rem}
.err{color:#b00020;font-weight:700;margin:.25rem 0 0}
.alert{background:#fde8e8;border:2px solid #b00020;border-radius:.5rem;padding:.75rem}
.notice{font-size:.9375rem;color:#4a5561}
button{font:inherit;font-weight:700;width:100%;min-height:3.25rem;border:0;border-radius:.5rem;background:#0b4f8a;color:#fff;cursor:pointer}
button:disabled{background:#6b7785}
button:focus-visible,a:focus-visible,input:focus-visible,textarea:focus-visible,select:focus-visible{outline:3px solid #b45309;outline-offset:2px}
.status{font-weight:700;margin-top:1rem}
.hp{position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden}
.done{text-align:center;padding:2rem 0}
[hidden]{display:none!important}
@media (prefers-reduced-motion:no-preference){.opt span{transition:background-color .15s}}
`
