import { Body, Container, Head, Hr, Html, Link, Preview, Section, Text } from "@react-email/components";
import type { ReactNode } from "react";

// The one shared layout for every Commons email: props in, markup out, no data access.

export type LayoutProps = { preview: string; appUrl: string; children: ReactNode; footerNote?: ReactNode };

const colors = { ink: "#1f2933", muted: "#52606d", brand: "#0b5c8e", border: "#d9e2ec" };

export function EmailLayout({ preview, appUrl, children, footerNote }: LayoutProps) {
  return (
    <Html lang="en">
      <Head />
      <Preview>{preview}</Preview>
      <Body
        style={{
          backgroundColor: "#f5f7fa",
          fontFamily: "system-ui, -apple-system, Segoe UI, sans-serif",
          color: colors.ink,
        }}
      >
        <Container
          style={{
            backgroundColor: "#ffffff",
            maxWidth: 560,
            margin: "24px auto",
            padding: "24px 32px",
            borderRadius: 8,
          }}
        >
          <Text style={{ fontSize: 18, fontWeight: 700, color: colors.brand, margin: "0 0 16px" }}>
            Commons
          </Text>
          <Section>{children}</Section>
          <Hr style={{ borderColor: colors.border, margin: "24px 0 12px" }} />
          <Text style={{ fontSize: 12, color: colors.muted, margin: 0 }}>
            {footerNote ?? "You receive this email because of an action on your Commons account."}{" "}
            <Link href={appUrl} style={{ color: colors.brand }}>
              {new URL(appUrl).host}
            </Link>
          </Text>
        </Container>
      </Body>
    </Html>
  );
}

export const emailStyles = {
  text: { fontSize: 15, lineHeight: "24px", margin: "0 0 12px" },
  button: {
    backgroundColor: colors.brand,
    color: "#ffffff",
    padding: "10px 18px",
    borderRadius: 6,
    fontWeight: 600,
    textDecoration: "none",
    display: "inline-block",
  },
  code: { fontSize: 28, letterSpacing: "6px", fontWeight: 700, margin: "8px 0 16px" },
  muted: { fontSize: 13, color: colors.muted, margin: "12px 0 0" },
} as const;
