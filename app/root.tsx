import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorPage } from "~/components/layout/ErrorPage";
import { useNonce } from "~/components/layout/nonce";
import { SiteFooter } from "~/components/layout/SiteFooter";
import { SiteHeader } from "~/components/layout/SiteHeader";
import { Toast } from "~/components/ui/Toast";
import { env } from "~/lib/env.server";
import { readFlash } from "~/lib/flash.server";
import { getViewer } from "~/modules/auth/request.server";
import { db } from "~/modules/database.server";
import { listOrganizationsOf } from "~/modules/organizations/organizations.server";
import stylesheet from "./tailwind.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

// Titles for the error pages; every route sets its own title otherwise.
export const meta: MetaFunction = ({ error }) => {
  if (!error) return [{ title: "Commons" }];
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const title = status === 404 ? "Page not found" : status === 403 ? "Not allowed" : "Something went wrong";
  return [{ title: `${title} · Commons` }];
};

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await getViewer(request);
  const [organizations, flash] = await Promise.all([
    viewer ? listOrganizationsOf(db(), viewer.id) : Promise.resolve([]),
    readFlash(request),
  ]);
  const headers = flash.setCookie ? { "Set-Cookie": flash.setCookie } : undefined;
  return Response.json(
    {
      viewer: viewer ? { name: viewer.name, isStaff: viewer.isStaff, organizations } : null,
      toast: flash.toast,
      appUrl: env().appUrl,
    },
    { headers },
  ) as unknown as {
    viewer: Parameters<typeof SiteHeader>[0]["viewer"];
    toast: typeof flash.toast;
    appUrl: string;
  };
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const data = useRouteLoaderData<typeof loader>("root");
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="flex min-h-screen flex-col">
        <SiteHeader viewer={data?.viewer ?? null} />
        <main id="main" className="mx-auto w-full min-w-0 max-w-6xl flex-1 px-4 py-8">
          {children}
        </main>
        <SiteFooter />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { toast } = useLoaderData<typeof loader>();
  return (
    <>
      <Toast toast={toast} />
      <Outlet />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error)) {
    return (
      <ErrorPage status={error.status} detail={typeof error.data === "string" ? error.data : undefined} />
    );
  }
  return <ErrorPage status={500} />;
}
