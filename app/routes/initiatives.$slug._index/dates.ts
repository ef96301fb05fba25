// One formatter for the page: building one per call was visible in the benchmark's profile.
const dateFormat = new Intl.DateTimeFormat("en", {
  year: "numeric",
  month: "long",
  day: "numeric",
  timeZone: "UTC",
});

export const longDate = (value: string | Date) => dateFormat.format(new Date(value));
