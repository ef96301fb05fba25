import { Button, Link, Text } from "@react-email/components";
import { EmailLayout, emailStyles } from "./layout";

// Emails about initiatives (issue 4, item 8). Everything a proposer or staff member
// wrote arrives here as plain text: React escapes it, and markdown is not rendered
// in email, so nothing written on the site can inject markup into a message.

type Common = { appUrl: string; initiativeTitle: string; initiativeUrl: string; unsubscribeUrl: string };

function Footer({ unsubscribeUrl, appUrl }: { unsubscribeUrl: string; appUrl: string }) {
  return (
    <>
      You receive this because you follow initiatives on Commons.{" "}
      <Link href={unsubscribeUrl}>Unsubscribe</Link> or{" "}
      <Link href={`${appUrl}/account/notifications`}>choose which emails you get</Link>.
    </>
  );
}

const pre = { ...emailStyles.text, whiteSpace: "pre-line" as const };

export function InitiativeSubmitted({
  appUrl,
  initiativeTitle,
  initiativeUrl,
  unsubscribeUrl,
  organizationName,
  summary,
}: Common & { organizationName: string; summary: string }) {
  return (
    <EmailLayout
      appUrl={appUrl}
      preview={`New proposal from ${organizationName}`}
      footerNote={<Footer unsubscribeUrl={unsubscribeUrl} appUrl={appUrl} />}
    >
      <Text style={emailStyles.text}>
        {organizationName} submitted “{initiativeTitle}” for review.
      </Text>
      <Text style={pre}>{summary}</Text>
      <Button href={initiativeUrl} style={emailStyles.button}>
        Open it in the triage queue
      </Button>
    </EmailLayout>
  );
}

export function InitiativeStatusChanged({
  appUrl,
  initiativeTitle,
  initiativeUrl,
  unsubscribeUrl,
  statusLabel,
  rationale,
}: Common & { statusLabel: string; rationale: string }) {
  return (
    <EmailLayout
      appUrl={appUrl}
      preview={`“${initiativeTitle}” is now ${statusLabel.toLowerCase()}`}
      footerNote={<Footer unsubscribeUrl={unsubscribeUrl} appUrl={appUrl} />}
    >
      <Text style={emailStyles.text}>
        “{initiativeTitle}” is now <strong>{statusLabel.toLowerCase()}</strong>.
      </Text>
      {rationale ? <Text style={pre}>{`The reason given: ${rationale}`}</Text> : null}
      <Button href={initiativeUrl} style={emailStyles.button}>
        See the initiative
      </Button>
    </EmailLayout>
  );
}

export function InitiativeUpdatePosted({
  appUrl,
  initiativeTitle,
  initiativeUrl,
  unsubscribeUrl,
  updateTitle,
  updateBody,
}: Common & { updateTitle: string; updateBody: string }) {
  return (
    <EmailLayout
      appUrl={appUrl}
      preview={`Update on “${initiativeTitle}”: ${updateTitle}`}
      footerNote={<Footer unsubscribeUrl={unsubscribeUrl} appUrl={appUrl} />}
    >
      <Text style={emailStyles.text}>
        <strong>{updateTitle}</strong>, an update on “{initiativeTitle}”:
      </Text>
      <Text style={pre}>{updateBody}</Text>
      <Button href={initiativeUrl} style={emailStyles.button}>
        Read it on Commons
      </Button>
    </EmailLayout>
  );
}

export function InitiativeEndorsed({
  appUrl,
  initiativeTitle,
  initiativeUrl,
  unsubscribeUrl,
  endorserName,
  hubCount,
  note,
}: Common & { endorserName: string; hubCount: number; note: string }) {
  return (
    <EmailLayout
      appUrl={appUrl}
      preview={`${endorserName} endorses “${initiativeTitle}”`}
      footerNote={<Footer unsubscribeUrl={unsubscribeUrl} appUrl={appUrl} />}
    >
      <Text style={emailStyles.text}>
        {endorserName} endorses your proposal “{initiativeTitle}”
        {hubCount > 0 ? `, for ${hubCount} of its hubs` : ""}.
      </Text>
      {note ? <Text style={pre}>{note}</Text> : null}
      <Button href={initiativeUrl} style={emailStyles.button}>
        See who backs it
      </Button>
    </EmailLayout>
  );
}

export function InitiativeMerged({
  appUrl,
  initiativeTitle,
  initiativeUrl,
  unsubscribeUrl,
  originalTitle,
  rationale,
}: Common & { originalTitle: string; rationale: string }) {
  return (
    <EmailLayout
      appUrl={appUrl}
      preview={`“${initiativeTitle}” was merged into “${originalTitle}”`}
      footerNote={<Footer unsubscribeUrl={unsubscribeUrl} appUrl={appUrl} />}
    >
      <Text style={emailStyles.text}>
        Staff found that “{initiativeTitle}” proposes the same work as “{originalTitle}”, so the two are now
        one. Endorsements moved to “{originalTitle}”, with the hubs you chose.
      </Text>
      {rationale ? <Text style={pre}>{rationale}</Text> : null}
      <Button href={initiativeUrl} style={emailStyles.button}>
        See “{originalTitle}”
      </Button>
    </EmailLayout>
  );
}
