import { Button, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

export type PasswordResetProps = { appUrl: string; name: string; link: string };

export function PasswordReset({ appUrl, name, link }: PasswordResetProps) {
  return (
    <EmailLayout appUrl={appUrl} preview="Reset your Commons password">
      <Text style={emailStyles.text}>Hello {name},</Text>
      <Text style={emailStyles.text}>
        Someone asked to reset the password of your Commons account. If it was you:
      </Text>
      <Button href={link} style={emailStyles.button}>
        Choose a new password
      </Button>
      <Text style={emailStyles.muted}>
        The link works once and expires in one hour. If you did not ask, ignore this email: your password
        stays as it is.
      </Text>
    </EmailLayout>
  );
}

export const passwordResetSubject = "Reset your Commons password";
