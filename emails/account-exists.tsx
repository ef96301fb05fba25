import { Button, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

export type AccountExistsProps = { appUrl: string; name: string };

/** Sent instead of a code when someone signs up with an address that has an account (issue 12, item 6). */
export function AccountExists({ appUrl, name }: AccountExistsProps) {
  return (
    <EmailLayout appUrl={appUrl} preview="You already have a Commons account">
      <Text style={emailStyles.text}>Hello {name},</Text>
      <Text style={emailStyles.text}>
        Someone, perhaps you, tried to create a Commons account with this email address. It already has one,
        so no new account was made and nothing changed.
      </Text>
      <Button href={`${appUrl}/login`} style={emailStyles.button}>
        Sign in
      </Button>
      <Text style={emailStyles.muted}>
        Forgot your password? Choose a new one at {appUrl}/forgot-password. If it was not you, you can ignore
        this email.
      </Text>
    </EmailLayout>
  );
}

export const accountExistsSubject = "You already have a Commons account";
