// Styles of the printable forms: an A4 sheet on paper, readable on a phone screen before printing.
// Served from code, so the page keeps the strict "style-src 'self'" policy without a static folder.
export const FORM_CSS = `
body { margin: 0; background: #eee; font-family: "Times New Roman", Times, serif; font-size: 16px; color: #000; }
.sheet { max-width: 210mm; margin: 12px auto; padding: 18mm 16mm; background: #fff; box-sizing: border-box; }
.nation { text-align: center; line-height: 1.5; }
h1 { text-align: center; font-size: 22px; margin: 18px 0 2px; }
.subtitle { text-align: center; margin-top: 0; font-style: italic; }
h2 { font-size: 17px; margin: 16px 0 6px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 10px; margin: 0; }
dt { font-weight: normal; }
dd { margin: 0; font-weight: bold; }
.place { text-align: right; font-style: italic; margin-top: 20px; }
.signatures { display: flex; justify-content: space-between; text-align: center; margin-top: 8px; min-height: 40mm; }
.signatures > div { width: 45%; }
.certification { border: 1px solid #000; min-height: 45mm; padding: 8px; text-align: center; margin-top: 10px; }
.reference { font-size: 12px; color: #444; margin-top: 12px; }
@media (max-width: 600px) { .sheet { padding: 16px; margin: 0; } dl { grid-template-columns: 1fr; } }
@media print { body { background: #fff; } .sheet { margin: 0; padding: 0; max-width: none; } @page { size: A4; margin: 18mm 16mm; } }
`;
