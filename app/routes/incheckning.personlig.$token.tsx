import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CheckinShell } from "~/components/checkin-public";
import { FormError } from "~/components/field";
import { useT } from "~/i18n";
import { normalizeCheckinCode } from "~/lib/attendance-rules";
import { checkinLockMinutes, countCheckinFailure, rememberPersonCookie, retryAfter } from "~/lib/checkin.server";
import { personByCheckinToken } from "~/models/checkin-token.server";

export const meta: MetaFunction = () => [{ title: "Incheckning – Processtöd" }, { name: "robots", content: "noindex" }];

/**
 * A participant's personal link from the mail. The token in the URL is the
 * credential: a valid one is moved into an HttpOnly cookie on the phone and
 * the browser is sent on (so the token leaves the address bar), to the code
 * page of ?kod= if given, otherwise to the code field. Made-up or replaced
 * links get a friendly page and count as a failed attempt.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ip = context.clientIp ?? "";
  const minutes = checkinLockMinutes({ ip });
  if (minutes) return json({ kind: "locked" as const, minutes }, { status: 429, headers: retryAfter(minutes) });
  const token = params.token ?? "";
  if (!personByCheckinToken(token)) {
    countCheckinFailure({ ip });
    return json({ kind: "invalid" as const }, { status: 404 });
  }
  const code = normalizeCheckinCode(new URL(request.url).searchParams.get("kod") ?? "");
  throw redirect(code ? `/incheckning/${code}` : "/incheckning?valkommen=1", {
    headers: { "Set-Cookie": await rememberPersonCookie(token), "Referrer-Policy": "no-referrer" },
  });
}

export default function PersonalLink() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  if (data.kind === "locked") {
    return (
      <CheckinShell title={t("checkin.public.lockedTitle")}>
        <FormError message={t("checkin.public.throttled", { minutes: data.minutes })} />
      </CheckinShell>
    );
  }
  return (
    <CheckinShell title={t("checkin.public.invalidLinkTitle")}>
      <p>{t("checkin.public.invalidLink")}</p>
      <p>
        <Link to="/incheckning" className="button checkin-button">
          {t("checkin.public.toCheckin")}
        </Link>
      </p>
    </CheckinShell>
  );
}
