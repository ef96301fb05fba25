// What staff and endorsing communities wrote about each demo initiative, by title (issue 13,
// item 4): the public rationale of the staff decision (approval, decline or changes
// requested), the staff's internal note, each staff reviewer's scorecard note (in the order
// of the staff accounts), and each endorsing organization's note, by its slug. An endorser
// with no note here endorsed without writing one.

export type Review = {
  rationale?: string;
  staffNote?: string;
  reviewNotes?: string[];
  endorsementNotes?: Record<string, string>;
};

export const REVIEWS: Record<string, Review> = {
  "Shared GPU quota dashboard": {
    rationale:
      "Five hubs already offer GPU profiles and none of them can see who is holding a card, so four organizations asked for this and the network view lets them lend idle GPUs to each other. Both pieces land upstream: the panels in the JupyterHub Grafana dashboards and the group quota in KubeSpawner, behind an option that is off by default. After release they are maintained by those projects, whose maintainers have seen the design; the network only keeps its own totals page.",
    staffNote:
      "The plan pilots on the Bio-Image GPU Training Hub, but Bio-Image has not endorsed. Lin says they agreed by email; ask Ines to endorse so it shows on the page.",
    reviewNotes: [
      "The Grafana side is low risk. The KubeSpawner quota is the part to watch: the spawn page message has to work with the profile_list form, which changed twice this year.",
      "240 hours looks right to me.",
    ],
    endorsementNotes: {
      "hydrology-commons":
        "The GPU nodes on our Watershed Models hub sit idle most weekends while other hubs have a queue. We would lend them if we could see the numbers.",
      "astro-data-collective":
        "People on the Survey Analysis Hub leave GPU servers open for days between pipeline runs. A list of servers holding a card at low use is what our admins need.",
    },
  },

  "Accessible notebook themes for screen readers": {
    rationale:
      "Contrast and screen reader problems affect every hub that runs JupyterLab, and three organizations have students who need the fixes now. The themes, the cell announcements and the contrast checks all go into JupyterLab core, agreed with the accessibility working group, so they are maintained with JupyterLab and JupyterLab's own CI catches regressions. We also support paying the blind students who test it.",
    staffNote:
      "Luca confirmed the two student testers, one from Northbridge and one who uses the Corpus Hub, and they have agreed a rate. Still to check: which JupyterLab release the themes can target.",
    reviewNotes: [
      "Doing the themes before the announcements is right. The themes should merge quickly; the live region and focus changes will need several review rounds.",
      "",
    ],
    endorsementNotes: {
      "rural-schools-data":
        "Two of our schools have students with low vision, and the default theme is hard for them to read on the Classroom Hub's old projectors.",
      "northbridge-university":
        "Our disability services office flagged JupyterLab last year. Fourteen departments teach with it, so it has to pass their audit.",
    },
  },

  "Course roster sync from learning management systems": {
    rationale:
      "Four organizations teach through Canvas or Moodle and each keeps its own roster script, so one tested service replaces dozens that nobody maintains. It uses the NRPS roster endpoint both systems already provide, and the work lands beside LTIAuthenticator and in nbgrader, whose maintainers will look after it once it is released. The pilot across Northbridge and Highland courses is a fair test before other hubs turn it on.",
    staffNote:
      "Rural Schools runs an old Moodle on a donated server; check it supports NRPS before they count on this. Ada is arranging access to Northbridge's Canvas test instance for whoever does the work.",
    reviewNotes: [
      "Soft removal with a grace period for grading answers my main worry about lost work. Still open: does the service run as a hub-managed service or on its own?",
      "260 hours is tight for Canvas, Moodle and nbgrader together.",
    ],
    endorsementNotes: {
      "highland-institute-of-technology":
        "All our engineering courses launch from Moodle and TA lists go stale within weeks. We would put two courses in the pilot.",
      "rural-schools-data":
        "Teachers add each class to the Classroom Hub by hand every term, and students who left the school keep their accounts.",
    },
  },

  "Cost reports per community on shared clusters": {
    rationale:
      "Every member that shares a cluster has to split its bill, and the three organizations here do it with spreadsheets that do not agree. Building on OpenCost instead of a cloud billing export means it works on any cloud and on premises, and the labelling goes into KubeSpawner and the z2jh documentation, where the chart's maintainers keep it working. Comparing two months of reports against the real invoice before release is the check we wanted.",
    staffNote:
      "Grace says two of the communities on their cluster are not network members yet; a fair cost report may be what brings them in. Hydrology shares a cluster with a partner university, not with Open Climate.",
    reviewNotes: [
      "Labelling volumes is the hard part and they know it. OpenCost is a reasonable dependency: a CNCF project with active maintainers.",
      "No concerns.",
    ],
    endorsementNotes: {
      "bio-image-community":
        "Our GPU Training Hub shares nodes with another lab's course, and we cannot tell them what their students cost us.",
    },
  },

  "Reproducible environments from a lockfile in one click": {
    rationale:
      "Installing exactly what a conda-lock file lists fixes a problem every hub building images with repo2docker or BinderHub has, even though only two organizations have asked so far. The buildpack goes into repo2docker through an enhancement proposal, so it is maintained there with the other buildpacks. Small, clearly scoped, and useful far beyond the network.",
    staffNote:
      "Elena mentioned the photometry figure that shifted after a library upgrade. It would make a good example on the public page if she is happy to share it. Neuro Open Lab has offered three repositories for testing.",
    reviewNotes: [
      "It needs a clear rule for when a repository has both environment.yml and a lockfile. They plan to settle that in the enhancement proposal.",
      "Failing loudly on a missing platform is the right call.",
    ],
    endorsementNotes: {
      "neuro-open-lab":
        "Our imaging pipelines pin every package, and rebuilding last year's analysis repository gives different numbers today.",
    },
  },

  "Idle server culling that respects long jobs": {
    rationale:
      "Every hub in the network runs the idle culler, and four organizations already lose long computations to it, so a small change helps almost everyone. Counting a busy kernel as activity goes into jupyter-server, with a cap and an opt-out documented in jupyterhub-idle-culler, so each hub keeps control of its costs. Once merged it needs nothing more from the network.",
    staffNote:
      "Hannah will send a month of culling logs from Watershed Models so the before and after comparison is real. The 12-hour cap must be configurable per hub; she agreed.",
    reviewNotes: [
      "Good value for 50 hours. Kernels stuck in busy are the risk; the cap covers it, but the tests have to as well.",
      "Ask the jupyter-server maintainers whether activity should come from the kernel or from the server.",
    ],
    endorsementNotes: {
      "coastal-ocean-lab":
        "Ocean model runs on our Model Hub take most of a night, and people keep a browser tab open just to stop the culler.",
      "astro-data-collective":
        "Survey pipeline steps on our analysis hub run for hours without printing anything and are regularly stopped halfway.",
    },
  },

  "Multilingual hub home pages": {
    rationale:
      "The login and spawn pages are the first thing every user sees, and for students who do not read English they are the hardest part of the hub; two organizations need this now and more will use it once it exists. The string extraction lands in JupyterHub, and translations go through the same Crowdin project as the JupyterLab language packs, so the existing volunteer translators keep them up to date. Landing the extraction first, with no visible change, keeps review easy for the maintainers.",
    staffNote:
      "Kwame has teachers lined up for Spanish, French and Swahili. Translators are paid at the network rate on top of the 130 hours; make sure the pledge page says so.",
    reviewNotes: [
      "The error messages in Python code matter more than the templates. Make sure they are in the first milestone.",
      "Good first milestone.",
    ],
    endorsementNotes: {
      "digital-humanities-guild":
        "Many of our members work in French or German, and people joining from partner archives get stuck on the English login page.",
    },
  },

  "Single sign-on across network hubs": {
    rationale:
      "More than 60 instructors across at least four organizations teach on two or more hubs, and separate logins cost them time and leave guest accounts behind. CILogon already federates most members' identity providers, and the username mapping lands in OAuthenticator, whose maintainers will review and maintain it. It is the largest initiative this year, but the one-term rollback keeps the risk low for each hub that moves.",
    staffNote:
      "Tomás has sign-off from Highland's identity team to use the eppn claim. PHS is not listed publicly in the directory; keep their name out of the pilot announcement until Noah agrees.",
    reviewNotes: [
      "The username migration is the risky step. Ask for a dry run of the migration script against a copy of each pilot hub's database.",
      "Agree with going through CILogon rather than running our own broker.",
    ],
    endorsementNotes: {
      "northbridge-university":
        "Several of our instructors also teach at Highland and in Carpentry workshops, and they juggle three accounts to do it.",
      "geoscience-carpentry":
        "Guest instructors get local accounts on our workshops hub, and nobody remembers to remove them afterwards.",
    },
  },

  "Shared datasets mounted read-only on every hub": {
    rationale:
      "Six hubs hold about 40 TB of the same public data between them, so three organizations are backing this and others will save storage as soon as they mount the catalog. The read-only volume option lands in z2jh and the mount fix in KubeSpawner; the catalog itself is one small file the network maintains. Paying for storage once instead of six times makes the case on its own.",
    staffNote:
      "Jonas checked the licences: GEBCO and the Copernicus products can be shared within the network, and ERA5 needs the Copernicus attribution on the catalog page.",
    reviewNotes: [
      "The KubeSpawner bug that makes read-only mounts writable is worth fixing anyway.",
      "Someone has to own the storage bill after the pilot. Agree that before the money is spent.",
    ],
    endorsementNotes: {
      "open-climate-society":
        "The Climate Meeting Hub keeps its own copy of the CMIP6 subsets, and it is already a release behind Coastal Ocean's.",
    },
  },

  "nbgrader feedback in the student's language": {
    rationale:
      "Feedback that is half in English is a problem for every course taught in another language, and three organizations grading in Spanish, Portuguese and French want this now. The strings are extracted in nbgrader itself and translated through the language packs workflow, where JupyterLab's translators already work. Starting with the student feedback and leaving the formgrader for later keeps the first milestone small enough to review.",
    staffNote:
      "Lin has two Spanish-language workshops booked for the autumn; those are the test. Ask the nbgrader maintainers whether translations live in the main repository or a separate package.",
    reviewNotes: ["Sensible scope, and the translators are already named.", ""],
    endorsementNotes: {
      "rural-schools-data":
        "Our teachers grade in Spanish, and in several schools students read their feedback through a translation app.",
    },
  },

  "Usage metrics every hub reports the same way": {
    rationale:
      "Every hub reports figures to the network, and four organizations have told us theirs cannot be compared, which weakens the annual report for all members. The missing metrics go into JupyterHub's Prometheus metrics, so they are maintained with JupyterHub and show up in the Grafana dashboards with no extra work. Leaving out usernames and rounding small groups answers the privacy question we would otherwise have asked.",
    staffNote:
      "Funders have asked twice what our user count means. Ada agreed to write the definitions section of the annual report from this work.",
    reviewNotes: [
      "Agreeing the definitions first is right; the code is the easy part.",
      "Check the rounding rule with a member that has very small groups.",
    ],
    endorsementNotes: {
      "open-climate-society":
        "Our meeting hub has about 1,800 accounts, but far fewer people use it outside the meeting week. We report a number we do not trust.",
      "bio-image-community":
        "GPU hours are what we pay for, and we have never been able to report them separately.",
    },
  },

  "BinderHub federation health page": {
    rationale:
      "Four members run the BinderHubs behind the network's public course repositories, so an outage on one of them hits everyone who launches from it. The health check fixes land in BinderHub, and the poller and page go upstream as an example deployment that other federations can reuse. At 40 hours it is cheap for what users get.",
    staffNote:
      "The federation operators want this page kept separate from mybinder.org's status page. Elena offered to host it on the collective's cluster for the first year.",
    reviewNotes: [
      "The full-registry false positive is the most useful upstream fix here.",
      "Small and clear.",
    ],
    endorsementNotes: {
      "neuro-open-lab":
        "Our summer course sends 160 students to a Binder link on its first morning, and we need to know which member to point them to.",
    },
  },

  "Image pre-pulling for large classes": {
    rationale:
      "Every hub that teaches large lectures has the same slow first wave, and three organizations with classes of 200 or more need a fix this year. Scheduling the placeholder pods becomes a supported z2jh option instead of a CronJob each hub writes by hand, and the chart's maintainers keep it working across releases. The image size guidance helps every teaching hub even without the option.",
    staffNote:
      "Noah measured about six minutes to a running server at last term's 09:00 lecture. Ask for the same measurement afterwards so the update can show the difference.",
    reviewNotes: [
      "Placeholder pods are well understood, so the technical risk is low. The value is in making it a supported option.",
      "Check it works with the user scheduler.",
    ],
    endorsementNotes: {
      "northbridge-university":
        "Our Teaching Hub has three lectures of over 250 students each term, and the same queue every morning.",
    },
  },

  "Littlest JupyterHub upgrade assistant": {
    rationale:
      "Many of the network's smallest hubs run TLJH with nobody who is a sysadmin, and three organizations have hubs stuck on old versions with known security fixes missing. The pre-flight check, snapshot and restore go into TLJH itself, so its maintainers ship them with every release. It lowers the risk most for the hubs least able to recover from a failed upgrade.",
    staffNote:
      "Kwame's teachers will do the first five upgrades with a volunteer on a call. Restore has to be tested on a real install before any school tries it.",
    reviewNotes: ["The dry-run mode is the part schools will use most.", "Yes to this one."],
    endorsementNotes: {
      "digital-humanities-guild":
        "Our hub is looked after by one historian in her spare time, so upgrades wait until she has a free week.",
    },
  },

  "Bioimage viewers that stream from object storage": {
    rationale:
      "Three organizations work with images too large to download, and the same approach serves any hub with big arrays in object storage. The viewer is a JupyterLab extension the maintainers agreed to review, using the standard document registry and jupyter-server for credentials, so no keys end up in notebooks. Bio-Image Community will maintain it after the courses, with the OME-NGFF test images as its test data.",
    staffNote:
      "Ines confirmed the course data is already OME-Zarr in the bucket, so no conversion is needed or budgeted. PHS endorses for a pathology course rather than microscopy; same format, so it counts.",
    reviewNotes: [
      "Loading only the chunks on screen is what makes this usable. Ask for a target time to first image.",
      "Credential handling looks right.",
    ],
    endorsementNotes: {
      "neuro-open-lab":
        "Our shared imaging data is OME-Zarr on object storage, and downloading one volume takes longer than the practical session.",
      "pacific-health-sciences":
        "Our pathology course uses whole-slide images that students can only see as thumbnails today.",
    },
  },

  "Per-user storage quotas with warnings": {
    staffNote:
      "Hannah says the NFS server already uses XFS. Ask which other hubs keep home directories on NFS: most z2jh members use a disk per user, which changes the network score.",
    reviewNotes: [
      "Solid plan, but XFS project quotas only help hubs on NFS. How does the status bar part work with a disk per user?",
      "The exam outage is a good reason to do it.",
    ],
    endorsementNotes: {
      "geoscience-carpentry":
        "Our instructor sandbox fills up every few months when someone copies a dataset into their home directory.",
    },
  },

  "Teaching-assistant roles in nbgrader": {
    staffNote:
      "The story of the 140 re-collected submissions checks out; Aiko was teaching that course. Link the nbgrader issue about roles that has been open for years.",
    reviewNotes: [
      "Small and clear. Confirm the permission model with the nbgrader maintainers before I score ecosystem higher.",
      "",
    ],
    endorsementNotes: {
      "northbridge-university":
        "Our larger courses have up to 20 TAs, and instructors give them full formgrader rights because there is no other option.",
    },
  },

  "Hub-wide announcement banner": {
    staffNote:
      "No endorsements yet. Northbridge and Hydrology both email their users about maintenance; worth asking whether they would back it.",
    reviewNotes: [
      "My ecosystem score is provisional until they decide between JupyterHub core and the announcement service.",
      "Building on jupyterhub-announcement is better than starting again.",
    ],
  },

  "Offline-first notebooks for low-bandwidth schools": {
    rationale:
      "The problem is real and we would like to fund it, but the plan is too large to review in one go. Please make the first milestone the local saving to the browser and the offline indicator, leave the execution queue for a later proposal, and tell us whether the jupyter-collaboration maintainers will review work built on their document model. An estimate of hours would help too.",
    staffNote:
      "Kwame agreed on a call that the execution queue can wait. The two-week study of school connections is useful whatever happens; we could fund it on its own.",
    reviewNotes: [
      "High need, but the sync depends on jupyter-collaboration internals that are still changing.",
      "There is no hours estimate in the plan.",
    ],
  },

  "Cluster autoscaling presets for teaching": {
    rationale:
      "This would be useful, but we cannot yet see who else needs it: no other organization has endorsed it, and the plan relies on timetables and logs from four teaching hubs it does not name. Please name those hubs and ask them to endorse, and check with the z2jh maintainers that they want a teaching guide in the chart's documentation. It may also fit inside the image pre-pulling work you are already doing.",
    staffNote:
      "Overlaps with image pre-pulling, which Noah's team is delivering now. Suggested folding the presets into that guide if the z2jh maintainers would rather have one page.",
    reviewNotes: [
      "Good documentation work, but the load test is the only reusable code.",
      "Who pays for test clusters on three clouds?",
    ],
  },

  "Blockchain-based hub credits": {
    rationale:
      "Declined before review: paying for compute with a token on a public blockchain is outside the network's mission of open, community-run infrastructure, and it would put a price on access for the communities we subsidise. If the need is sharing spare capacity between hubs, the GPU quota dashboard and the cost reports are the place to take it.",
  },

  "A new notebook format": {
    rationale:
      "Declined after review. A new format would split course materials between the hubs that use it and the rest of the Jupyter ecosystem, and the JupyterLab maintainers told us they would not take a second native notebook type. Jupytext and nbdime already solve most of the diff and merge problems described here, and we would welcome a proposal to improve them or to use them across the network.",
    staffNote:
      "Ines and Felix were disappointed but understood. Pointed them to the Digital Humanities Guild's nbdime proposal, which covers the review problem.",
    reviewNotes: [
      "Low ecosystem leverage: it works against the shared format instead of improving it.",
      "Agree. The problem statement is good; it could open a Jupytext proposal.",
    ],
    endorsementNotes: {
      "neuro-open-lab": "Merging notebooks between our labs through git breaks one almost every month.",
    },
  },

  "Hub chat integration": {
    staffNote:
      "Hannah withdrew it once Jupyter Chat moved into the JupyterLab organization. Hydrology may propose contributions to Jupyter Chat later.",
    reviewNotes: ["Jupyter Chat already does most of this.", ""],
  },

  "Spring workshop cloud credits pool": {
    rationale:
      "Pooling credits for one cluster saves each workshop organiser a separate application, and two organizations with overlapping spring workshops want to share it. There is little upstream work, but it runs on the standard z2jh chart, and the cost per learner it publishes will help every community that runs workshops. Geoscience Carpentry's instructors will run the cluster and take it down at the end of the season.",
    staffNote:
      "Lin knows the pledge window is short for a February start. If it expires, suggest folding it into the workshop templates proposal.",
    reviewNotes: [
      "Mostly an operating cost, not development. The cost per learner figures are worth having on their own.",
      "Timing is tight.",
    ],
    endorsementNotes: {
      "hydrology-commons":
        "Our spring field methods workshops overlap with Carpentry's, and one shared cluster beats two half-empty ones.",
    },
  },
};
