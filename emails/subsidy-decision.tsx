import { Button, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

export type SubsidyDecisionProps = {
  appUrl: string;
  organizationName: string;
  approved: boolean;
  reason: string;
  billingUrl: string;
};

export function SubsidyDecision({
  appUrl,
  organizationName,
  approved,
  reason,
  billingUrl,
}: SubsidyDecisionProps) {
  return (
    <EmailLayout
      appUrl={appUrl}
      preview={`Your subsidised membership application was ${approved ? "approved" : "declined"}`}
    >
      <Text style={emailStyles.text}>
        {approved
          ? `Good news: ${organizationName}'s application for a subsidised membership is approved. The membership is active now, at no charge.`
          : `${organizationName}'s application for a subsidised membership was declined.`}
      </Text>
      <Text style={emailStyles.text}>The reason staff gave: {reason}</Text>
      <Button href={billingUrl} style={emailStyles.button}>
        See your membership
      </Button>
    </EmailLayout>
  );
}

export const subsidyDecisionSubject = (approved: boolean) =>
  approved
    ? "Your subsidised Commons membership is approved"
    : "About your subsidised membership application";
