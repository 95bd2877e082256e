// QR codes drawn in the browser, for addresses the build cannot know: a transfer link (made from the
// learner's own progress) and the address a check-in card was printed from. The encoder is vendored
// (assets/vendor/README.md); this module only turns its modules into an inline SVG, built with DOM
// calls (no HTML string), black on white whatever the palette so that any phone can read it.

import qrcode from "../vendor/qrcode-generator/qrcode.module.js";

const SVG = "http://www.w3.org/2000/svg";
/** Quiet zone around the code, in modules (the QR standard asks for four). */
const QUIET = 4;

/**
 * An <svg> QR code of `text` labelled `label`, or null when the text is too long for any QR code at
 * this error-correction level ("L" holds about 2,900 bytes, "M" about 2,300).
 */
export function qrSvg(text, label, level = "M") {
  let code;
  try {
    code = qrcode(0, level);
    code.addData(String(text), "Byte");
    code.make();
  } catch {
    return null;
  }
  const count = code.getModuleCount();
  const size = count + QUIET * 2;
  let path = "";
  for (let row = 0; row < count; row += 1) {
    for (let col = 0; col < count; col += 1) {
      if (code.isDark(row, col)) path += `M${col + QUIET},${row + QUIET}h1v1h-1z`;
    }
  }
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", `0 0 ${size} ${size}`);
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", label);
  svg.setAttribute("class", "hub-qr");
  svg.setAttribute("shape-rendering", "crispEdges");
  svg.dataset.hubQrModules = String(count);
  const background = document.createElementNS(SVG, "rect");
  background.setAttribute("width", String(size));
  background.setAttribute("height", String(size));
  background.setAttribute("fill", "#fff");
  const modules = document.createElementNS(SVG, "path");
  modules.setAttribute("d", path);
  modules.setAttribute("fill", "#000");
  svg.append(background, modules);
  return svg;
}
