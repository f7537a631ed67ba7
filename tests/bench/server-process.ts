/**
 * The production server under test: `node server.js` on a free port with the
 * benchmark dataset, its memory sampled from /proc, and staff signed in over
 * HTTP as a browser would.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { freePort } from "../support/free-port";

export type BenchServer = {
  url: string;
  pid: number;
  /** Everything the server wrote, for the error message when it dies. */
  output: () => string;
  /** Stops the server (SIGTERM, then SIGKILL after 5 s). Safe to call twice. */
  stop: () => Promise<void>;
};

/** The environment the harness and the server share for the dataset (see run.ts for the in-process loaders). */
export function benchEnv(databaseFile: string): Record<string, string> {
  return {
    NODE_ENV: "production",
    DATABASE_PATH: databaseFile,
    // No SMTP: any mail would go to the outbox table, never out of the machine.
    SMTP_HOST: "",
    // The reminder job would write to the dataset (outbox, auto_reminder_at) a few seconds after
    // start, so runs would differ and the measurements would compete with it. Off.
    SCHEDULER: "off",
    // Retention at start would anonymise the dataset's old series (ten years of them) before
    // the first measurement (decision 017). Off.
    RETENTION_INTERVAL_HOURS: "0",
  };
}

export async function startBenchServer({ cwd, databaseFile, env = {} }: { cwd: string; databaseFile: string; env?: Record<string, string> }): Promise<BenchServer> {
  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(process.execPath, ["server.js"], {
    cwd,
    env: { ...process.env, ...benchEnv(databaseFile), PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d) => (output += d));
  child.stderr?.on("data", (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const killer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.kill("SIGTERM");
    await exited;
    clearTimeout(killer);
  };

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited (code ${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`The server did not answer on ${url}/halsa within 30 s:\n${output}`);
    }
    try {
      if ((await fetch(`${url}/halsa`)).ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, pid: child.pid!, output: () => output, stop };
}

/**
 * Signs in through the staff login form (POST /logga-in with its fields
 * email, password and redirectTo, as app/routes/logga-in.tsx draws them) and
 * returns the Cookie header that carries the auth session.
 */
export async function signIn(url: string, email: string, password: string): Promise<string> {
  const response = await fetch(`${url}/logga-in`, {
    method: "POST",
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
    redirect: "manual",
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("processtod_auth=") && c.length > "processtod_auth=".length);
  if (response.status !== 302 || !cookie) {
    throw new Error(`Sign-in as ${email} failed: HTTP ${response.status} ${(await response.text()).slice(0, 200)}`);
  }
  return cookie;
}

/** Ends the auth session (POST /logga-ut), so runs do not pile up sessions in the dataset. */
export async function signOut(url: string, cookie: string): Promise<void> {
  const response = await fetch(`${url}/logga-ut`, { method: "POST", headers: { Cookie: cookie }, redirect: "manual" });
  if (response.status !== 302) throw new Error(`Sign-out answered ${response.status}`);
}

/** "VmRSS" or "VmHWM" of a process in MB, or null once the process is gone. */
function readProcStatusMb(pid: number, field: "VmRSS" | "VmHWM"): number | null {
  try {
    const match = fs.readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

export type MemoryReport = {
  samples: number;
  peakSampledRssMb: number;
  highWaterMarkMb: number | null;
  /** The larger of the two: what the target is judged on. */
  peakRssMb: number;
  /** Highest sampled RSS during each phase of the run (sign-in, throughput, import, …), to see what costs memory. */
  phasePeaksMb: Record<string, number>;
};

/**
 * Samples the server's resident memory every 100 ms. VmHWM (the kernel's own
 * peak) is read at the end as well, so a spike between two samples still
 * counts; call finish() before stopping the server.
 */
export function sampleMemory(pid: number, intervalMs = 100) {
  let samples = 0;
  let peak = 0;
  let phase = "start";
  const phasePeaks: Record<string, number> = {};
  const sample = () => {
    const rss = readProcStatusMb(pid, "VmRSS");
    if (rss === null) return;
    samples++;
    peak = Math.max(peak, rss);
    phasePeaks[phase] = Math.max(phasePeaks[phase] ?? 0, rss);
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    /** Starts a new phase; samples from now on count towards it. */
    phase(name: string) {
      sample();
      phase = name;
      sample();
    },
    finish(): MemoryReport {
      clearInterval(timer);
      sample();
      const hwm = readProcStatusMb(pid, "VmHWM");
      return { samples, peakSampledRssMb: peak, highWaterMarkMb: hwm, peakRssMb: Math.max(peak, hwm ?? 0), phasePeaksMb: phasePeaks };
    },
  };
}
