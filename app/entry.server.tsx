import { Transform } from "node:stream";
import type { AppLoadContext, EntryContext, HandleDataRequestFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";

import { NonceContext } from "./components/nonce";
import { contentSecurityPolicy, createNonce } from "./lib/content-security-policy.server";
import { startScheduler } from "./lib/scheduler.server";

// server.js puts it before the Remix handler; exported here so it is part of the server build.
export { pageCacheMiddleware } from "./lib/page-cache.server";
// server.js starts the retention job (decision 017) through this export, for the same reason.
export { startRetentionSchedule } from "./lib/retention-schedule.server";

export const streamTimeout = 5_000;

// Reminders and other jobs run inside the production server.
startScheduler();

// Every page may show personal data: never let a browser or proxy cache it, so
// the back button after logout cannot bring a page back.
const NO_STORE = "no-store";

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  response.headers.set("Cache-Control", NO_STORE);
  return response;
};

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  console.error(error);
}

/**
 * React 18.3's renderToPipeableStream writes its whole 2 kB buffer when a
 * multibyte character (å, ä, ö) does not fit at its end, unwritten bytes
 * included: a NUL byte lands in the HTML, which the browser reads as U+FFFD
 * ("ers\uFFFDättare"), breaking text and accessible names
 * (https://github.com/facebook/react/issues/31134). UTF-8 never uses the byte
 * 0x00 inside a character and the app never renders U+0000, so dropping NUL
 * bytes from the stream is safe.
 */
function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      callback(null, chunk.includes(0) ? Buffer.from(chunk.filter((byte) => byte !== 0)) : chunk);
    },
  });
}

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const waitForAll = isbot(request.headers.get("user-agent") || "");
  // A new nonce for every page: Remix's inline scripts carry it, nothing else may run inline.
  const nonce = createNonce();
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceContext.Provider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceContext.Provider>,
      {
        nonce,
        [waitForAll ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = withoutNulBytes();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("Cache-Control", NO_STORE);
          responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
}
