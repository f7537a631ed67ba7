/**
 * The production server: Express serving the Remix build on PORT (3000).
 * Run `npm run build` and `npm run db:setup` first (`npm start` does both).
 */
import { createRequestHandler } from "@remix-run/express";
import compression from "compression";
import express from "express";

process.env.NODE_ENV ??= "production";

const build = await import("./build/index.js");
const app = express();

app.disable("x-powered-by");
// Behind a reverse proxy, set TRUST_PROXY=1 so throttling sees the client's IP.
app.set("trust proxy", process.env.TRUST_PROXY === "1" ? 1 : false);
app.use(compression());

app.use((req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "same-origin");
  res.setHeader("X-Frame-Options", "DENY");
  // Browsers only heed it over HTTPS, so plain-HTTP test servers on localhost are unaffected.
  if (process.env.NODE_ENV === "production") res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  next();
});

// Mutations from other sites are refused before they reach any action.
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const fetchSite = req.get("Sec-Fetch-Site");
  const origin = req.get("Origin");
  const crossSite = fetchSite === "cross-site" || (origin && origin !== "null" && new URL(origin).host !== req.get("Host"));
  if (crossSite || origin === "null") {
    res.status(403).type("text/plain; charset=utf-8").send("Förfrågan nekades: den kom från en annan webbplats.");
    return;
  }
  next();
});

// Request bodies have a ceiling (decision 019), checked on Content-Length before anything reads
// them: forms at most 512 KiB (the largest real form, a survey template, is far below), file
// uploads (multipart) at most 32 MiB: the upload handlers enforce the per-file limits (20 MB
// material, 10 MB lists) with a message on the file field, so the ceiling leaves room for a
// file somewhat over its limit to reach them; only far larger bodies get the bare 413 page. Larger gets 413 with a Swedish page; a body without a
// length (chunked, which browsers never send for forms) gets 411.
const FORM_BODY_LIMIT = 512 * 1024;
const UPLOAD_BODY_LIMIT = 32 * 1024 * 1024;
function refuseBody(res, status, title, text) {
  res
    .status(status)
    .set("Content-Security-Policy", "default-src 'none'; base-uri 'none'; frame-ancestors 'none'")
    .set("Cache-Control", "no-store")
    .type("text/html; charset=utf-8")
    .send(`<!doctype html><html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} – Processtöd</title></head><body><main><h1>${title}</h1><p>${text}</p><p><a href="/">Till startsidan</a></p></main></body></html>`);
}
app.use((req, res, next) => {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return next();
  const multipart = (req.get("Content-Type") || "").toLowerCase().startsWith("multipart/form-data");
  const limit = multipart ? UPLOAD_BODY_LIMIT : FORM_BODY_LIMIT;
  const length = req.get("Content-Length");
  if (length === undefined && req.get("Transfer-Encoding")) {
    refuseBody(res, 411, "Förfrågan saknar längd", "Formuläret skickades utan uppgift om sin storlek. Ladda om sidan och skicka igen.");
    return;
  }
  if (Number(length) > limit) {
    const text = multipart
      ? "Filen är för stor: en uppladdning får vara högst 20 MB. Välj en mindre fil och försök igen."
      : "Det du skickade är för stort: ett formulär får vara högst 512 kB. Korta texten och försök igen.";
    refuseBody(res, 413, "För mycket att ta emot", text);
    return;
  }
  next();
});

// Health check for monitoring (and for tools that wait for the server to start): 200 "ok"
// without touching the database or Remix. It is also the benchmark's floor route (npm run
// bench, issue #10): the fixed small answer that the pages' throughput is compared with, so
// it passes through the same shared middleware (compression, headers) as every page.
app.get("/halsa", (req, res) => {
  res.setHeader("Cache-Control", "no-store");
  res.status(200).type("text/plain; charset=utf-8").send("ok");
});

app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
app.use(express.static("public", { maxAge: "1h" }));

// The heaviest staff pages are served from memory while the database is unchanged (decision 013).
app.use(build.entry.module.pageCacheMiddleware());

app.all(
  "*",
  createRequestHandler({
    build,
    mode: process.env.NODE_ENV,
    getLoadContext: (req) => ({ clientIp: req.ip ?? "" }),
  }),
);

const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "0.0.0.0";
const server = app.listen(port, host, () => {
  console.log(`Processtöd körs på http://localhost:${port}`);
});

// Retention (gallring, decision 017): at start and every RETENTION_INTERVAL_HOURS (default 24; 0 = off).
const stopRetention = build.entry.module.startRetentionSchedule();

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, () => {
    stopRetention();
    server.close(() => process.exit(0));
  });
}
