import { Button, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

export type VerifyEmailProps = { appUrl: string; name: string; code: string; link: string };

export function VerifyEmail({ appUrl, name, code, link }: VerifyEmailProps) {
  return (
    <EmailLayout appUrl={appUrl} preview={`Your Commons verification code is ${code}`}>
      <Text style={emailStyles.text}>Hello {name},</Text>
      <Text style={emailStyles.text}>Enter this code to confirm your email address:</Text>
      <Text style={emailStyles.code}>{code}</Text>
      <Text style={emailStyles.text}>Or confirm with one click:</Text>
      <Button href={link} style={emailStyles.button}>
        Confirm my email
      </Button>
      <Text style={emailStyles.muted}>
        The code and link expire in 24 hours. If you did not sign up, ignore this email.
      </Text>
    </EmailLayout>
  );
}

export const verifyEmailSubject = (code: string) => `${code} is your Commons verification code`;
