import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Form,
  isRouteErrorResponse,
  Link,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useLocation,
  useRouteError,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useNonce } from "~/components/nonce";
import { useLocale, useT, type Locale } from "~/i18n";
import { getLocale } from "~/i18n/locale.server";
import { getUser } from "~/lib/auth.server";
import { can, scopeFor } from "~/lib/permissions.server";
import { countNewDataRequests } from "~/models/data-request.server";
import stylesHref from "~/styles.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesHref },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "Processtöd" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const [user, locale] = await Promise.all([getUser(request), getLocale(request)]);
  const dataRequestScope = user ? scopeFor(user, "read", "data-request") : null;
  return {
    locale,
    user: user
      ? {
          name: user.name,
          role: user.role,
          canManageStaff: can(user, "create", "user"),
          canReadOutbox: can(user, "read", "outbox"),
          canEditSettings: can(user, "update", "settings"),
          canReadAuditLog: can(user, "read", "audit-log"),
          canEditTemplates: can(user, "update", "template"),
          canReadSurveyTemplates: can(user, "read", "survey-template"),
          canReadAggregates: can(user, "read", "aggregates"),
          // Coordinators and process leaders: the new correction/erasure requests they may handle.
          newDataRequests: dataRequestScope ? countNewDataRequests({ scope: dataRequestScope }) : null,
        }
      : null,
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const locale = useLocale();
  const nonce = useNonce();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function LanguageSwitch({ locale }: { locale: Locale }) {
  const t = useT();
  const location = useLocation();
  return (
    <Form method="post" action="/sprak" className="lang-switch">
      <input type="hidden" name="locale" value={locale === "sv" ? "en" : "sv"} />
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      <button type="submit" className="link-button" lang={locale === "sv" ? "en" : "sv"}>
        {t("lang.switchTo")}
      </button>
    </Form>
  );
}

function Header() {
  const data = useLoaderData<typeof loader>();
  const t = useT();
  const user = data.user;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          {t("app.name")}
          <span className="brand__tagline">{t("app.tagline")}</span>
        </Link>
        {user ? (
          <nav aria-label={t("nav.label")} className="main-nav">
            <ul>
              <li>
                <NavLink to="/" end>
                  {t("nav.start")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/serier">{t("nav.series")}</NavLink>
              </li>
              <li>
                <NavLink to="/kalender">{t("nav.calendar")}</NavLink>
              </li>
              <li>
                <NavLink to="/utbyten">{t("nav.exchanges")}</NavLink>
              </li>
              {user.canReadAggregates ? (
                <li>
                  <NavLink to="/lan">{t("countyDashboard.nav")}</NavLink>
                </li>
              ) : null}
              {user.canEditTemplates ? (
                <li>
                  <NavLink to="/mallar">{t("nav.templates")}</NavLink>
                </li>
              ) : null}
              {user.canReadSurveyTemplates ? (
                <li>
                  <NavLink to="/enkatmallar">{t("surveyTemplate.nav")}</NavLink>
                </li>
              ) : null}
              {user.newDataRequests !== null ? (
                <li>
                  <NavLink to="/personuppgiftsbegaran">
                    {user.newDataRequests > 0
                      ? t("portalData.nav.withCount", { count: user.newDataRequests })
                      : t("portalData.nav.label")}
                  </NavLink>
                </li>
              ) : null}
              {user.canManageStaff ? (
                <li>
                  <NavLink to="/personal">{t("nav.staff")}</NavLink>
                </li>
              ) : null}
              {user.canReadOutbox ? (
                <li>
                  <NavLink to="/utkorg">{t("nav.outbox")}</NavLink>
                </li>
              ) : null}
              {user.canEditSettings ? (
                <li>
                  <NavLink to="/installningar/gallring">{t("retention.nav")}</NavLink>
                </li>
              ) : null}
              {user.canReadAuditLog ? (
                <li>
                  <NavLink to="/granskningslogg">{t("auditLog.nav")}</NavLink>
                </li>
              ) : null}
            </ul>
          </nav>
        ) : null}
        <div className="header-tools">
          {user ? (
            <>
              <span className="signed-in-as">
                {t("nav.signedInAs", { name: user.name, role: t(`role.${user.role}`) })}
              </span>
              {/* A full page load on logout, so no signed-in data stays in the page's memory for Back to show. */}
              <Form method="post" action="/logga-ut" reloadDocument>
                <button type="submit" className="button button--small button--light">
                  {t("nav.logout")}
                </button>
              </Form>
            </>
          ) : null}
          <LanguageSwitch locale={data.locale} />
        </div>
      </div>
    </header>
  );
}

/** On every page: the privacy notice and the accessibility statement, which public services must link to. */
function SiteFooter() {
  const t = useT();
  return (
    <footer className="site-footer">
      <nav aria-label={t("footer.label")} className="site-footer__inner">
        <ul>
          <li>
            <a href="/personuppgiftspolicy">{t("footer.privacy")}</a>
          </li>
          <li>
            <a href="/tillganglighetsredogorelse">{t("footer.accessibility")}</a>
          </li>
        </ul>
      </nav>
    </footer>
  );
}

export default function App() {
  const t = useT();
  return (
    <>
      <a href="#main" className="skip-link">
        {t("nav.skip")}
      </a>
      <Header />
      <main id="main" className="page">
        <Outlet />
      </main>
      <SiteFooter />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const t = useT();
  let title = t("error.title");
  let text = t("error.text");
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) {
      title = t("error.notFoundTitle");
      text = t("error.notFoundText");
    } else if (error.status === 403) {
      title = t("error.forbiddenTitle");
      text = t("error.forbiddenText");
    } else if (error.status === 400) {
      title = t("error.badRequestTitle");
      text = t("form.invalidRequest");
    }
  }
  // Never show the error itself: it may hold a stack trace or internal detail.
  return (
    <>
      <header className="site-header">
        <div className="site-header__inner">
          <a href="/" className="brand">
            {t("app.name")}
          </a>
        </div>
      </header>
      <main id="main" className="page">
        <h1>{title}</h1>
        <p>{text}</p>
        <p>
          <a href="/">{t("error.backToStart")}</a>
        </p>
      </main>
      <SiteFooter />
    </>
  );
}
