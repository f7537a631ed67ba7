/**
 * The frame of every signed-in portal page: a short menu and the page. Portal
 * pages load no chart code and keep to one column, for phones on slow networks.
 */
import { Form, NavLink } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n";

export function PortalShell({ name, title, children }: { name: string; title: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="portal">
      <nav aria-label={t("portal.nav.label")} className="portal-nav">
        <ul>
          <li>
            <NavLink to="/mina-sidor" end>
              {t("portal.nav.sessions")}
            </NavLink>
          </li>
          <li>
            <NavLink to="/mina-sidor/mina-uppgifter">{t("portal.nav.data")}</NavLink>
          </li>
          <li>
            <NavLink to="/mina-sidor/logga-ut">{t("portal.nav.signOut")}</NavLink>
          </li>
        </ul>
        <p className="portal-nav__who">{t("portal.nav.signedInAs", { name })}</p>
      </nav>
      <h1>{title}</h1>
      {children}
    </div>
  );
}

/** A public portal page (sign-in, link): one narrow column. */
export function PortalPublicShell({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="portal portal--public">
      <h1>{title}</h1>
      {children}
    </div>
  );
}

/** The sign-out buttons, shown on the sign-out page. */
export function SignOutForms({ devices }: { devices: number }) {
  const t = useT();
  return (
    <div className="stack">
      {devices > 1 ? <p>{t("portal.signOut.devices", { count: devices })}</p> : null}
      {/* A full page load, so nothing signed-in stays in memory for Back to show. */}
      <Form method="post" action="/mina-sidor/logga-ut" reloadDocument>
        <button type="submit" name="intent" value="here" className="button portal-button">
          {t("portal.signOut.here")}
        </button>
      </Form>
      <Form method="post" action="/mina-sidor/logga-ut" reloadDocument>
        <button type="submit" name="intent" value="everywhere" className="button button--secondary portal-button">
          {t("portal.signOut.everywhere")}
        </button>
      </Form>
    </div>
  );
}
