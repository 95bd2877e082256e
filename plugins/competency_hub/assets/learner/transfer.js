// A transfer link: the whole progress document in the fragment of /progress/#transfer=… (the part
// after #, which browsers never send to a server), compressed with the browser's CompressionStream
// when it has one. Opening the link on another device merges it exactly like importing the file.
//
//   z.<base64url of deflate-raw(JSON)>   compressed
//   j.<base64url of JSON>                when the browser cannot compress

import { normalise, parse, stored } from "./store.js";

export const PARAMETER = "transfer";
/** Longer links are refused: mail and chat tools cut or break them. The file export has no limit. */
export const MAX_LINK = 8000;

function toBase64Url(bytes) {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

async function through(stream, bytes) {
  const response = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await response.arrayBuffer());
}

/** The fragment (without '#') that carries `state`. */
export async function encodeTransfer(state) {
  const bytes = new TextEncoder().encode(JSON.stringify(stored(normalise(state))));
  if (typeof CompressionStream === "function") return `${PARAMETER}=z.${toBase64Url(await through(new CompressionStream("deflate-raw"), bytes))}`;
  return `${PARAMETER}=j.${toBase64Url(bytes)}`;
}

/**
 * The link for `state` on the progress page at `pageUrl`: {ok: true, link} or, when it would be
 * longer than MAX_LINK, {ok: false, length}.
 */
export async function transferLink(state, pageUrl) {
  const link = `${pageUrl.split("#")[0]}#${await encodeTransfer(state)}`;
  return link.length > MAX_LINK ? { ok: false, length: link.length } : { ok: true, link };
}

/** True when the fragment holds a transfer. */
export function hasTransfer(fragment) {
  return String(fragment ?? "").replace(/^#/, "").startsWith(`${PARAMETER}=`);
}

/** The document a fragment carries, as `parse` gives it: {ok, state} or {ok: false, problems}. */
export async function decodeTransfer(fragment) {
  const value = String(fragment ?? "").replace(/^#/, "").slice(PARAMETER.length + 1);
  try {
    let bytes;
    if (value.startsWith("z.")) {
      if (typeof DecompressionStream !== "function") return { ok: false, problems: ["this browser cannot read compressed links: use the file export instead"] };
      bytes = await through(new DecompressionStream("deflate-raw"), fromBase64Url(value.slice(2)));
    } else if (value.startsWith("j.")) {
      bytes = fromBase64Url(value.slice(2));
    } else {
      return { ok: false, problems: ["the link does not hold progress (it may have been cut short)"] };
    }
    return parse(new TextDecoder().decode(bytes));
  } catch {
    return { ok: false, problems: ["the link is damaged (it may have been cut short when it was copied)"] };
  }
}
