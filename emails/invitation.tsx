import { Button, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

export type InvitationProps = {
  appUrl: string;
  organizationName: string;
  inviterName: string;
  role: string;
  link: string;
  expiresOn: string;
};

export function Invitation({
  appUrl,
  organizationName,
  inviterName,
  role,
  link,
  expiresOn,
}: InvitationProps) {
  return (
    <EmailLayout appUrl={appUrl} preview={`${inviterName} invited you to ${organizationName} on Commons`}>
      <Text style={emailStyles.text}>
        {inviterName} invited you to join <strong>{organizationName}</strong> on Commons as{" "}
        {role === "admin" ? "an" : "a"} {role}.
      </Text>
      <Button href={link} style={emailStyles.button}>
        Accept the invitation
      </Button>
      <Text style={emailStyles.muted}>
        The invitation expires on {expiresOn}. If you do not know this organization, ignore it.
      </Text>
    </EmailLayout>
  );
}

export const invitationSubject = (organizationName: string) =>
  `You're invited to ${organizationName} on Commons`;
