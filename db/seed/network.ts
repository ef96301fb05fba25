// A believable network: institutions and communities, each with hubs (issue 2, item 10).

type HubSeed = {
  name: string;
  host: string;
  region: string;
  users: number;
  status?: "active" | "retired";
  version?: string;
};
export type OrganizationSeed = {
  slug: string;
  name: string;
  kind: "institution" | "community";
  website: string;
  description: string;
  isPublic?: boolean;
  /** Named as a member in the directory and on its credit page (issue 11); members only. */
  showMembership?: boolean;
  hubs: HubSeed[];
};

export const NETWORK: OrganizationSeed[] = [
  {
    slug: "northbridge-university",
    name: "Northbridge University",
    kind: "institution",
    website: "https://www.northbridge.example.edu",
    description: "A public research university running teaching and research hubs for 14 departments.",
    showMembership: true,
    hubs: [
      {
        name: "Northbridge Teaching Hub",
        host: "teach.northbridge.example.edu",
        region: "us-central1",
        users: 4200,
        version: "5.2.1",
      },
      {
        name: "Northbridge Research Hub",
        host: "research.northbridge.example.edu",
        region: "us-central1",
        users: 860,
        version: "5.2.1",
      },
      {
        name: "Northbridge Summer School",
        host: "summer.northbridge.example.edu",
        region: "us-east1",
        users: 120,
        status: "retired",
      },
    ],
  },
  {
    slug: "coastal-ocean-lab",
    name: "Coastal Ocean Lab",
    kind: "institution",
    website: "https://coastal-ocean.example.org",
    description: "An oceanography institute sharing model output and notebooks with partner labs.",
    showMembership: true,
    hubs: [
      {
        name: "Ocean Model Hub",
        host: "models.coastal-ocean.example.org",
        region: "eu-west1",
        users: 310,
        version: "5.1.0",
      },
      {
        name: "Ocean Data Workshop",
        host: "workshop.coastal-ocean.example.org",
        region: "eu-west1",
        users: 95,
      },
    ],
  },
  {
    slug: "highland-institute-of-technology",
    name: "Highland Institute of Technology",
    kind: "institution",
    website: "https://hit.example.ac.uk",
    description: "Engineering and computing courses taught entirely in the browser.",
    hubs: [
      {
        name: "HIT Engineering",
        host: "eng.hit.example.ac.uk",
        region: "europe-west2",
        users: 2600,
        version: "4.1.6",
      },
      {
        name: "HIT Data Science",
        host: "ds.hit.example.ac.uk",
        region: "europe-west2",
        users: 1450,
        version: "5.2.1",
      },
    ],
  },
  {
    slug: "open-climate-society",
    name: "Open Climate Society",
    kind: "institution",
    website: "https://openclimate.example.org",
    description: "A scientific society that runs hubs for its annual meeting and year-round working groups.",
    hubs: [
      {
        name: "Climate Meeting Hub",
        host: "meeting.openclimate.example.org",
        region: "us-west2",
        users: 1800,
      },
      {
        name: "Working Groups Hub",
        host: "wg.openclimate.example.org",
        region: "us-west2",
        users: 240,
        version: "5.0.0",
      },
    ],
  },
  {
    slug: "pacific-health-sciences",
    name: "Pacific Health Sciences",
    kind: "institution",
    website: "https://phs.example.edu",
    description: "Biostatistics and epidemiology training across three campuses.",
    isPublic: false,
    hubs: [{ name: "PHS Biostatistics", host: "biostat.phs.example.edu", region: "us-west1", users: 540 }],
  },
  {
    slug: "geoscience-carpentry",
    name: "Geoscience Carpentry",
    kind: "community",
    website: "https://geocarpentry.example.org",
    description: "Volunteer instructors teaching reproducible geoscience to early-career researchers.",
    hubs: [
      {
        name: "Carpentry Workshops",
        host: "workshops.geocarpentry.example.org",
        region: "us-east1",
        users: 650,
        version: "5.2.1",
      },
      { name: "Instructor Sandbox", host: "sandbox.geocarpentry.example.org", region: "us-east1", users: 40 },
    ],
  },
  {
    slug: "astro-data-collective",
    name: "Astro Data Collective",
    kind: "community",
    website: "https://astrodata.example.org",
    description: "Astronomers sharing survey pipelines and teaching notebooks.",
    showMembership: true,
    hubs: [
      {
        name: "Survey Analysis Hub",
        host: "survey.astrodata.example.org",
        region: "us-central1",
        users: 420,
        version: "5.1.0",
      },
      { name: "Astro Teaching Hub", host: "teach.astrodata.example.org", region: "us-central1", users: 780 },
    ],
  },
  {
    slug: "neuro-open-lab",
    name: "Neuro Open Lab",
    kind: "community",
    website: "https://neuro-open.example.org",
    description: "A consortium of neuroscience labs analysing shared imaging data sets.",
    hubs: [
      {
        name: "Imaging Hub",
        host: "imaging.neuro-open.example.org",
        region: "eu-central1",
        users: 210,
        version: "5.2.0",
      },
      {
        name: "Neuro Summer Course",
        host: "course.neuro-open.example.org",
        region: "eu-central1",
        users: 160,
      },
    ],
  },
  {
    slug: "rural-schools-data",
    name: "Rural Schools Data Literacy",
    kind: "community",
    website: "https://ruralschools.example.org",
    description: "Teachers bringing data literacy to rural secondary schools, on donated infrastructure.",
    showMembership: true,
    hubs: [
      { name: "Classroom Hub", host: "class.ruralschools.example.org", region: "us-south1", users: 1300 },
    ],
  },
  {
    slug: "hydrology-commons",
    name: "Hydrology Commons",
    kind: "community",
    website: "https://hydrocommons.example.org",
    description: "Hydrologists sharing watershed models and teaching materials across 30 universities.",
    showMembership: true,
    hubs: [
      {
        name: "Watershed Models",
        host: "models.hydrocommons.example.org",
        region: "us-central1",
        users: 380,
        version: "4.1.6",
      },
      { name: "Hydro Teaching", host: "teach.hydrocommons.example.org", region: "us-central1", users: 900 },
    ],
  },
  {
    slug: "digital-humanities-guild",
    name: "Digital Humanities Guild",
    kind: "community",
    website: "https://dhguild.example.org",
    description: "Historians and linguists working with text corpora in notebooks.",
    hubs: [
      {
        name: "Corpus Hub",
        host: "corpus.dhguild.example.org",
        region: "europe-west4",
        users: 275,
        version: "5.2.1",
      },
    ],
  },
  {
    slug: "bio-image-community",
    name: "Bio-Image Community",
    kind: "community",
    website: "https://bioimage.example.org",
    description: "Microscopists building shared image-analysis workflows.",
    hubs: [
      {
        name: "Bio-Image Analysis",
        host: "analysis.bioimage.example.org",
        region: "europe-west1",
        users: 330,
      },
      {
        name: "GPU Training Hub",
        host: "gpu.bioimage.example.org",
        region: "europe-west1",
        users: 75,
        version: "5.1.0",
      },
    ],
  },
];

/** People: demo accounts first (printed by `npm run dev`), then everyone else. */
export const DEMO_PASSWORD = "commons-demo-2026";

export type PersonSeed = {
  name: string;
  email: string;
  isStaff?: boolean;
  memberships: [slug: string, role: "owner" | "admin" | "member"][];
};

export const PEOPLE: PersonSeed[] = [
  { name: "Sam Rivera", email: "staff@commons.test", isStaff: true, memberships: [] },
  { name: "Jordan Lee", email: "jordan@commons.test", isStaff: true, memberships: [] },
  { name: "Ada Okafor", email: "admin@northbridge.test", memberships: [["northbridge-university", "owner"]] },
  {
    name: "Lin Chen",
    email: "admin@geocarpentry.test",
    memberships: [
      ["geoscience-carpentry", "owner"],
      ["hydrology-commons", "member"],
    ],
  },
  {
    name: "Priya Natarajan",
    email: "member@northbridge.test",
    memberships: [["northbridge-university", "member"]],
  },
  { name: "Jonas Weber", email: "jonas@coastal-ocean.test", memberships: [["coastal-ocean-lab", "owner"]] },
  { name: "Maya Thompson", email: "maya@coastal-ocean.test", memberships: [["coastal-ocean-lab", "admin"]] },
  {
    name: "Tomás García",
    email: "tomas@hit.test",
    memberships: [["highland-institute-of-technology", "owner"]],
  },
  {
    name: "Aiko Tanaka",
    email: "aiko@hit.test",
    memberships: [["highland-institute-of-technology", "member"]],
  },
  { name: "Grace Mensah", email: "grace@openclimate.test", memberships: [["open-climate-society", "owner"]] },
  { name: "Noah Fischer", email: "noah@phs.test", memberships: [["pacific-health-sciences", "owner"]] },
  { name: "Elena Petrova", email: "elena@astrodata.test", memberships: [["astro-data-collective", "owner"]] },
  {
    name: "Omar Haddad",
    email: "omar@astrodata.test",
    memberships: [
      ["astro-data-collective", "admin"],
      ["northbridge-university", "admin"],
    ],
  },
  { name: "Sofia Rossi", email: "sofia@neuro-open.test", memberships: [["neuro-open-lab", "owner"]] },
  { name: "Kwame Asante", email: "kwame@ruralschools.test", memberships: [["rural-schools-data", "owner"]] },
  { name: "Hannah Berg", email: "hannah@hydrocommons.test", memberships: [["hydrology-commons", "owner"]] },
  { name: "Luca Bianchi", email: "luca@dhguild.test", memberships: [["digital-humanities-guild", "owner"]] },
  { name: "Zara Ahmed", email: "zara@dhguild.test", memberships: [["digital-humanities-guild", "member"]] },
  { name: "Ines Moreau", email: "ines@bioimage.test", memberships: [["bio-image-community", "owner"]] },
  { name: "Felix Braun", email: "felix@bioimage.test", memberships: [["bio-image-community", "admin"]] },
  { name: "Ruth Cohen", email: "ruth@geocarpentry.test", memberships: [["geoscience-carpentry", "admin"]] },
  {
    name: "Diego Alvarez",
    email: "diego@geocarpentry.test",
    memberships: [["geoscience-carpentry", "member"]],
  },
];

export const DEMO_ACCOUNTS = [
  { role: "staff", email: "staff@commons.test" },
  { role: "institution admin", email: "admin@northbridge.test" },
  { role: "community admin", email: "admin@geocarpentry.test" },
  { role: "institution member", email: "member@northbridge.test" },
].map((a) => ({ ...a, password: DEMO_PASSWORD }));

export const TIERS = [
  {
    name: "Community",
    description:
      "For research and education communities that cannot pay: the full service, funded by the network.",
    priceMinor: 0,
    currency: "USD",
    hubsIncluded: 1,
    benefits: ["One managed hub", "Propose and endorse initiatives", "Community support forum"],
    roadmapWeight: 1,
    isSubsidised: true,
  },
  {
    name: "Standard",
    description: "For a department or a lab running a couple of hubs.",
    priceMinor: 500_000,
    currency: "USD",
    hubsIncluded: 2,
    benefits: ["Two managed hubs", "Business-hours support", "Roadmap vote"],
    roadmapWeight: 2,
    isSubsidised: false,
  },
  {
    name: "Institution",
    description: "For universities and institutes with teaching and research hubs.",
    priceMinor: 1_200_000,
    currency: "USD",
    hubsIncluded: 5,
    benefits: [
      "Five managed hubs",
      "Priority support",
      "Roadmap vote with double weight",
      "Quarterly review",
    ],
    roadmapWeight: 4,
    isSubsidised: false,
  },
  {
    name: "Consortium",
    description: "For an institution that sponsors several communities' hubs.",
    priceMinor: 3_000_000,
    currency: "USD",
    hubsIncluded: 15,
    benefits: ["Fifteen managed hubs", "Named support contact", "Seat on the roadmap council"],
    roadmapWeight: 8,
    isSubsidised: false,
  },
];
