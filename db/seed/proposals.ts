// The bodies of the demo proposals (issue 13, item 4), by title: what each organization
// would write, as specific as a hub admin asking the network to co-fund real upstream work.
// Markdown, rendered without raw HTML like any member's proposal.

export type Proposal = { problem: string; solution: string; plan: string };

export const PROPOSALS: Record<string, Proposal> = {
  "Shared GPU quota dashboard": {
    problem: `Five hubs in the network now offer GPU profiles through KubeSpawner's \`profile_list\`, each with an \`nvidia.com/gpu: 1\` limit. Nobody can see how those GPUs are used:

- A GPU is held for as long as the server runs, so a notebook left open over a weekend blocks a card that costs about $2.50 an hour.
- The NVIDIA DCGM exporter already reports utilisation to Prometheus, but the JupyterHub Grafana dashboards have no GPU panels, and nothing joins a GPU to the user and hub that hold it.
- Quotas are enforced by hand: an admin notices a long queue of pending pods and messages people.

Communities with idle cards cannot lend them to communities with a queue, because neither side can see the numbers.`,
    solution: `Add GPU panels to [jupyterhub/grafana-dashboards](https://github.com/jupyterhub/grafana-dashboards) and a group quota to KubeSpawner:

1. **Dashboards**: allocated versus used GPUs per hub and per JupyterHub group, from DCGM metrics joined on the pod labels KubeSpawner already sets (\`hub.jupyter.org/username\`, \`component=singleuser-server\`). A panel lists servers holding a GPU at under 5% utilisation for more than an hour.
2. **Quota at spawn**: a KubeSpawner option limiting how many GPU servers a group may run at once, read from the group's properties, with a clear message on the spawn page instead of a pod stuck in \`Pending\`.
3. **A network view**: each hub publishes its totals (no usernames) so the network can see where idle capacity is.`,
    plan: `1. Agree the panel design and metric names with the grafana-dashboards maintainers; open a draft pull request against the repository's jsonnet sources.
2. Implement the group quota in KubeSpawner behind a default-off option, with tests against a kind cluster.
3. Pilot on the Carpentry Workshops hub and the Bio-Image GPU Training Hub for one teaching term.
4. Publish a setup guide for z2jh operators; the per-hub totals feed the network report.

About 240 hours in total; both upstream pieces are reviewed by their maintainers before release.`,
  },

  "Accessible notebook themes for screen readers": {
    problem: `Several of our members teach blind and low-vision students, and their disability offices have flagged JupyterLab:

- In an audit of the default light theme, muted interface text and a few syntax-highlighting colours fall below the WCAG 2.1 AA contrast ratio of 4.5:1.
- With NVDA and JAWS, moving between cells announces "group" with no cell number, type or execution state, and new output is not announced at all.
- Focus is lost after running a cell with Shift+Enter, so a keyboard user has to find their place again each time.

Each university works around this with its own CSS and tip sheets. None of it goes upstream, and it breaks with the next JupyterLab release.`,
    solution: `Fund a JupyterLab accessibility contributor to work with the maintainers and the JupyterLab accessibility working group:

- **Themes**: a light and a dark high-contrast theme that pass AA (AAA for body text), tested with the CodeMirror 6 token colours, shipped in JupyterLab core rather than as a separate extension.
- **Screen readers**: accessible names for cells ("Code cell 4, executed, 2 outputs"), a polite live region announcing when a cell finishes, and focus that stays on the cell that was run.
- **Tests**: automated contrast checks in JupyterLab's Galata UI tests, so a regression fails CI.

Every change lands in JupyterLab itself; the network then turns the theme on by default.`,
    plan: `1. Audit with NVDA + Firefox, JAWS + Chrome and VoiceOver + Safari, together with two blind students from member universities, who are paid for their time.
2. Open the issues upstream and agree priorities with the accessibility working group.
3. Deliver the themes first (smaller and easier to review), then the cell announcements and focus fixes.
4. Re-test with the same students before the release and publish the audit.

About 160 hours, mostly implementation and review rounds upstream.`,
  },

  "Course roster sync from learning management systems": {
    problem: `Our teaching hubs sign students in through LTI 1.3 from Canvas and Moodle, but signing in is all LTI does for us today:

- A student exists on the hub only after their first launch, so instructors cannot release assignments or set up groups before the first class.
- Students who drop the course keep access, and their home directories, until someone deletes them by hand.
- nbgrader's gradebook is filled from a CSV export each term, and TA lists go stale within weeks.

At Northbridge alone this is about 40 courses a term, each with a script someone wrote and nobody maintains.`,
    solution: `Use the roster the LMS already publishes. LTI Advantage includes the **Names and Role Provisioning Services** (NRPS) membership endpoint, which both Canvas and Moodle support.

- A JupyterHub service, contributed alongside LTIAuthenticator, that reads each course's NRPS roster on a schedule and keeps a JupyterHub group per course (\`course-<context id>\`) in step: adding enrolled people, removing those who dropped, mapping the LTI roles Instructor, TeachingAssistant and Learner to groups.
- An nbgrader hook that updates the course gradebook's students from the same roster.
- Removal is soft: a dropped student loses access at once, and their files are kept for the term's grading period.`,
    plan: `1. Design review with the LTIAuthenticator and nbgrader maintainers; agree where the service lives.
2. Build against Canvas and Moodle test instances, with recorded NRPS responses as fixtures.
3. Pilot in six Northbridge courses and two at Highland for one term, with instructors keeping their old scripts as a fallback.
4. Release with documentation for hub admins and an LMS administrator's checklist.

About 260 hours.`,
  },

  "Cost reports per community on shared clusters": {
    problem: `Open Climate runs one Zero to JupyterHub cluster for its annual meeting and four working groups, and lends capacity to two other communities. The cloud bill arrives as one number per node pool:

- We cannot say what each community costs, so we cannot agree fair contributions or notice when one group's usage doubles.
- Node pools are shared on purpose (it is much cheaper), so per-community clusters are not the answer.
- Storage is the hardest part: home directory volumes outlive the servers that used them.

Every network member that shares a cluster has the same problem and a different spreadsheet.`,
    solution: `Attribute cost by label, using OpenCost, the CNCF project that already allocates Kubernetes cost to pods:

- **KubeSpawner**: label each user pod and volume with the user's community (from their JupyterHub group), through a documented, supported option rather than hand-written \`extra_labels\` hooks.
- **z2jh**: an optional OpenCost integration in the chart's documentation, with the label set up.
- **Reports**: a monthly CSV per community (compute hours, GPU hours, storage GB-months, cost) and a page for hub admins showing the current month.

Nothing here needs a cloud vendor's billing export, so it works the same on GKE, EKS, AKS and on-premises clusters.`,
    plan: `1. Agree the label names with the KubeSpawner and z2jh maintainers.
2. Implement and document the labelling, including volumes.
3. Run OpenCost beside the Climate Meeting Hub for two months and compare its totals with the cloud invoice; publish the difference.
4. Ship the report and the admin page, then offer a setup guide for other shared clusters in the network.

About 200 hours.`,
  },

  "Reproducible environments from a lockfile in one click": {
    problem: `Our survey-analysis notebooks depend on a long list of conda packages (astropy, healpy, the survey's own pipeline), and versions matter: a minor upgrade of one library shifted photometry results in a published figure last year.

- We pin everything with \`conda-lock\`, but repo2docker builds from \`environment.yml\`, so the lock has to be turned back into a loose specification, and what gets installed is whatever the solver picks that day.
- Rebuilding the same repository a month later gives a different environment, and nobody notices.
- Students launching our course repository on BinderHub wait for a full solve every time the image is not cached.`,
    solution: `Teach repo2docker to build from a lockfile:

- Detect \`conda-lock.yml\` (and explicit \`@EXPLICIT\` spec files) in a repository and install exactly those packages for the image's platform, skipping the solver.
- Fail the build with a clear message when the lockfile has no entry for the image's platform, instead of falling back silently.
- Show on BinderHub's build log which lockfile was used and its hash.

The build is faster too: no solve, and packages come straight from the listed URLs.`,
    plan: `1. Write the design as a repo2docker enhancement proposal and agree it with the maintainers, including how it interacts with \`environment.yml\` when both are present.
2. Implement the buildpack and its tests.
3. Try it on the Survey Analysis Hub's course repository and three research repositories from Neuro Open Lab.
4. Document it in the repo2docker user guide.

About 120 hours.`,
  },

  "Idle server culling that respects long jobs": {
    problem: `Our hydrology students calibrate watershed models in notebooks; one calibration run takes four to ten hours. The idle culler stops their servers partway through:

- jupyterhub-idle-culler decides from the server's last activity, which is updated by browser traffic and kernel messages.
- A cell that computes for hours without printing anything sends no messages, so after the idle timeout the server looks idle and is stopped, and the run is lost.
- Raising the timeout for everyone keeps hundreds of forgotten servers running overnight, which is the cost the culler exists to avoid.`,
    solution: `Make "busy" count as activity, within limits:

- In the single-user server's activity reporting, treat a kernel whose execution state is \`busy\` as active, up to a configurable maximum (for example 12 hours), after which the usual rules apply.
- In jupyterhub-idle-culler, document the new behaviour and add an option to switch it off for hubs that want the old rule.
- Show the user a notice that their server will be kept while a cell runs, and until when.`,
    plan: `1. Confirm the approach with the JupyterHub and jupyter-server maintainers (where the busy state is read, how it is reported to the hub).
2. Implement it with tests covering busy, idle and stuck kernels.
3. Run it on the Watershed Models hub for a month and compare culled servers and node hours with the month before.

About 50 hours: small, but it affects every hub in the network.`,
  },

  "Multilingual hub home pages": {
    problem: `Our students are 13 to 17 years old and many do not read English comfortably. JupyterLab itself can be switched to Spanish or French with a language pack, but the first pages they see are JupyterHub's, and those are English only:

- The login, home, spawn and "server starting" pages come from JupyterHub's Jinja templates, with no translation machinery at all.
- Teachers translate by copying and editing the templates, which breaks on every JupyterHub upgrade.
- Error messages ("Spawn failed", "Your server is stopping") are the ones students most need to understand, and they are in Python code, not templates.`,
    solution: `Add internationalisation to JupyterHub, using the same tools as JupyterLab's language packs:

- Mark the strings in the templates and handlers for translation (gettext, extracted with Babel).
- Choose the language from the browser's \`Accept-Language\` header, with an admin setting for a hub default.
- Translate through the same Crowdin project as the JupyterLab language packs, so volunteer translators have one place to work. Spanish, French and Swahili first, done by teachers in our network and reviewed by native speakers.`,
    plan: `1. Agree the approach with the JupyterHub maintainers in an issue, then land the string extraction with no visible change.
2. Add language selection and the first three translations.
3. Deploy on the Classroom Hub for a term and ask students and teachers what still shows in English.

About 130 hours, plus the translators' time, which the network pays at a standard rate.`,
  },

  "Single sign-on across network hubs": {
    problem: `More than 60 instructors in the network teach on two or more hubs, and each hub has its own login:

- Highland's hubs use the university identity provider; the community hubs use GitHub or a local password. An instructor has three accounts and three usernames for the same work.
- Usernames differ between hubs (\`t.garcia\`, \`tgarcia2\`, a GitHub handle), so shared course material that refers to home directories breaks.
- Guest instructors from other universities are given local accounts by hand, and those are rarely removed.`,
    solution: `One network login, brokered by CILogon, which already federates most of our members' identity providers (through InCommon and eduGAIN) and has its own authenticator in OAuthenticator:

- Extend OAuthenticator so a hub can allow users by identity provider and by affiliation claim, and map the stable identifier (\`eppn\` or the CILogon subject) to one username across hubs.
- Give each hub a documented configuration for joining the network login, keeping its own local admin accounts.
- Guest access is then a group membership that expires, not a new account.`,
    plan: `1. Agree the username mapping and claim handling with the OAuthenticator maintainers.
2. Implement and release it in OAuthenticator, with tests for the identity providers our members use.
3. Move Highland's two hubs and the Carpentry Workshops hub first, with a migration script for existing usernames.
4. Offer it to every hub in the network, with a rollback path that keeps the old login for one term.

About 420 hours.`,
  },

  "Shared datasets mounted read-only on every hub": {
    problem: `Six hubs in the network keep their own copies of the same public datasets: ERA5 reanalysis subsets, CMIP6 model output, Copernicus ocean products and the GEBCO bathymetry grid.

- Together that is about 40 TB of duplicated storage, paid for six times.
- Copies drift: one hub has the 2023 release of a product, another the 2024 one, and results differ between courses.
- Students download files into their home directories to be safe, which fills the home volume and duplicates again.`,
    solution: `A network dataset catalog, mounted read-only on every hub:

- A small YAML catalog (name, version, source, licence, size) that each hub's z2jh configuration reads.
- Read-only mounts at \`/datasets/<name>/<version>\` through KubeSpawner volumes, backed by object storage through a CSI driver or by NFS for on-premises hubs.
- Upstream in z2jh: a documented chart option for read-only dataset volumes, and a KubeSpawner fix so read-only mounts are not made writable by the home directory's init step.`,
    plan: `1. Agree the chart option with the z2jh maintainers; fix the KubeSpawner mount handling.
2. Stand up the catalog with four datasets, held in one bucket per region.
3. Mount them on the Ocean Model Hub and the Climate Meeting Hub; measure read throughput against the local copies.
4. Retire the duplicate copies on the pilot hubs, then offer it to the rest.

About 230 hours, plus storage, which the network pays once instead of six times.`,
  },

  "nbgrader feedback in the student's language": {
    problem: `Our workshops run in Spanish, Portuguese and French as often as in English, and instructors grade with nbgrader. The feedback students receive is half in English:

- The feedback HTML comes from nbgrader's templates, whose headings, score labels and messages are all English.
- The formgrader's interface and its messages to instructors are English only too.
- Instructors edit the templates for each course and lose the edits when nbgrader is upgraded.`,
    solution: `Internationalise nbgrader's student-facing output first:

- Mark the strings in the feedback templates and the messages they include for translation, and choose the language per course (with a per-student override from the gradebook).
- Ship Spanish, Portuguese and French translations, made by our instructors and reviewed by native speakers.
- Use the same translation workflow as the JupyterLab language packs, so translators find nbgrader strings next to JupyterLab's.

The formgrader interface follows in a second milestone if the first is welcomed upstream.`,
    plan: `1. Propose the approach to the nbgrader maintainers and agree which templates are in scope.
2. Extract the strings, add language selection, and land the three translations.
3. Use it in two Spanish-language and one French-language workshop, and collect instructors' corrections.

About 90 hours.`,
  },

  "Usage metrics every hub reports the same way": {
    problem: `The network reports "hub users" to funders, but every hub counts something different:

- Some report accounts in the JupyterHub database, including people who signed in once, three years ago.
- Some report unique logins this month; others count servers started, so a student who starts three servers a day counts three times.
- Nobody reports sessions or compute hours, which is what members actually pay for.

The network's annual report adds these numbers together, and funders have started to ask what they mean.`,
    solution: `Define three figures every hub can report, and produce them from JupyterHub itself:

- **Monthly active users**: people whose server reported activity in the calendar month, from JupyterHub's own active-user metrics, which count by activity rather than by account.
- **Server hours**: the time single-user servers ran, by profile, so GPU hours are separate.
- **Peak concurrent users** per week.

Contribute what is missing to JupyterHub's Prometheus metrics, and write a small exporter that turns them into one monthly report with no usernames, rounded so small groups cannot be identified.`,
    plan: `1. Agree the definitions with hub admins across the network, then with the JupyterHub maintainers.
2. Add the missing metrics upstream; write the exporter and its documentation.
3. Pilot on the Northbridge hubs and two community hubs, and compare with what they reported before.
4. Every hub reports the same figures in the next annual report.

About 190 hours.`,
  },

  "BinderHub federation health page": {
    problem: `Four members run BinderHubs that together serve the network's public course repositories. When one of them is down, users find out from a launch that spins for ten minutes and fails:

- Each BinderHub exposes a \`/health\` endpoint listing its own checks (the Kubernetes API, the image registry, the hub), but nobody collects them.
- We cannot tell users which member to use instead, or see that launch failures on one member have been climbing for a week.`,
    solution: `A small public status page for the network's BinderHubs:

- Poll each member's \`/health\` endpoint every minute and record the result.
- Show each member's current status, launch success rate and median build time over the last week.
- Contribute the poller and the page upstream as an example deployment for other BinderHub federations, and fix the gaps in \`/health\` that the pilot finds (for example, a full image registry reported as healthy).`,
    plan: `1. Build the poller and page against the four member BinderHubs.
2. Agree with the BinderHub maintainers where the example lives, and upstream the health-check fixes.
3. Link the page from each member's BinderHub launch page.

About 40 hours.`,
  },

  "Image pre-pulling for large classes": {
    problem: `Our biostatistics lectures start at 09:00 with about 300 students launching servers in the same five minutes. The image is 6 GB (R, RStudio, Stan, the course packages):

- The cluster autoscaler adds nodes when pods are pending, so the first students wait about two minutes for a node and then four to six for the image to download.
- z2jh's continuous image puller only starts pulling once a node exists, so it cannot help with the first wave.
- Spawns time out and students retry, which makes the queue longer.`,
    solution: `Scale up before the lecture, not during it:

- Use z2jh's user placeholder pods, scheduled from the course timetable: 40 minutes before a lecture, raise the number of placeholders so the autoscaler adds nodes and the image is pulled while the room is still empty; lower it after the first half hour.
- Contribute the scheduling as a documented, supported z2jh option (today it means a hand-written CronJob patching the chart's resources).
- Document image-size guidance for teaching: which layers to split, what a realistic pull time is.`,
    plan: `1. Agree the option's shape with the z2jh maintainers.
2. Implement and run it on the PHS Biostatistics hub for the spring lectures, measuring time-to-server for the first 300 launches.
3. Land the option and the guide upstream.

About 80 hours.`,
  },

  "Littlest JupyterHub upgrade assistant": {
    problem: `Most of our school hubs run The Littlest JupyterHub on a single donated server, looked after by a teacher. Upgrades are where they get stuck:

- Upgrading means re-running the installer and hoping the new JupyterHub, Python and user environment work with the old configuration.
- When it goes wrong there is no easy way back, and a broken hub on a Monday morning means a lost lesson for a whole class.
- So schools stay on old versions, some of them years behind on security fixes.`,
    solution: `A guided, reversible upgrade for TLJH:

- A pre-flight check that reads the configuration, the installed plugins and the free disk space, and says in plain language what will change and what might break.
- A snapshot of the hub state, configuration and environments before upgrading, and one command to restore it.
- A dry-run mode that builds the new environment beside the old one without switching over.`,
    plan: `1. Agree the design with the TLJH maintainers.
2. Implement the pre-flight check, snapshot and restore, with tests that upgrade and roll back real installs.
3. Upgrade five school hubs with their teachers, and write the guide from what they asked.`,
  },

  "Bioimage viewers that stream from object storage": {
    problem: `Our microscopy datasets are multi-terabyte OME-Zarr images in object storage. Looking at them from a hub is the bottleneck:

- Desktop viewers need the data downloaded, which is impossible for a 2 TB light-sheet volume and slow even for a single plate.
- In JupyterLab, people slice arrays into matplotlib figures and lose the overview.
- Students in our courses spend the first hour of each practical waiting for downloads.`,
    solution: `Open OME-Zarr images in JupyterLab directly from object storage:

- A JupyterLab extension that opens \`.ome.zarr\` folders from the file browser and from \`s3://\` URLs in a multiscale viewer, requesting only the chunks on screen, at the resolution level on screen.
- Credentials handled by the server (through jupyter-server's contents and a signed-URL helper), never pasted into notebooks.
- A Python call to open the same viewer from a notebook, on an array the user already has.`,
    plan: `1. Prototype with the OME-NGFF community's test images.
2. Make it an extension the JupyterLab maintainers agreed to review, using the standard document registry.
3. Run it in two Bio-Image courses and one Neuro Open Lab workshop, and measure time to first image.`,
  },

  "Per-user storage quotas with warnings": {
    problem: `Both Hydrology Commons hubs keep home directories on one NFS server, and there are no per-user limits:

- Last term one student's model output filled the volume, and every user on the hub got write errors in the middle of an exam.
- People only find out their space is nearly full when saving fails, and the notebook they were editing is lost.
- Admins have no way to give a research group more space than a class.`,
    solution: `Quotas with warnings, set per group:

- Enforce limits with XFS project quotas on the NFS export, one project per home directory, set from a JupyterHub group property (for example 5 GB for a class, 50 GB for a research group).
- Show usage and the limit in JupyterLab's status bar, warn at 80% and 95%, and block the server from starting at 100% with a message explaining how to free space.
- Contribute the KubeSpawner hook that applies the group's quota at spawn, with documentation for z2jh operators using NFS.`,
    plan: `1. Prove the quota setup on a staging NFS server with 2,000 home directories.
2. Write the KubeSpawner hook and the status-bar display.
3. Roll out on the Hydro Teaching hub before the next term's exams.

About 100 hours.`,
  },

  "Teaching-assistant roles in nbgrader": {
    problem: `In nbgrader, anyone who can open the formgrader can do everything it offers: release and collect assignments, edit the gradebook, and change or delete the course's source notebooks.

- Our courses have 10 to 20 teaching assistants who only need to grade.
- Last term a TA regenerated an assignment after it had been released, and 140 submissions had to be re-collected and re-graded.
- Instructors either give TAs full rights or grade everything themselves.`,
    solution: `A grader role in nbgrader:

- Graders may open submissions, enter scores and comments, and see the gradebook for the submissions they grade.
- They may not create, release, collect or regenerate assignments, nor change the course's settings.
- The role comes from JupyterHub group membership (\`grader-<course>\`), next to the groups nbgrader already uses.`,
    plan: `1. Agree the permission model with the nbgrader maintainers.
2. Implement it with tests for each role and action.
3. Use it in two HIT engineering courses for one term.

About 40 hours.`,
  },

  "Hub-wide announcement banner": {
    problem: `We need to tell everyone on the Imaging Hub about maintenance windows, a new dataset, or a course deadline, and we have no good way to:

- JupyterHub's \`announcement\` template variables only appear on the hub's own pages, and changing them means editing the configuration and restarting the hub.
- People spend the day in JupyterLab and never see the hub pages.
- So announcements go out by email, which half of our users filter.`,
    solution: `Announcements that admins post from the browser and users see where they work:

- Admins write a short announcement with a start and an end time through the JupyterHub admin interface and REST API; no restart.
- The hub pages show it, and JupyterLab shows it through its notification centre, once per announcement.
- Build on the existing jupyterhub-announcement service rather than starting again, and contribute the JupyterLab side upstream.`,
    plan: `1. Agree with the JupyterHub maintainers whether this belongs in core or in the announcement service.
2. Implement the admin form, the API and the JupyterLab notification.
3. Use it for the Imaging Hub's next maintenance window.

About 40 hours.`,
  },

  "Offline-first notebooks for low-bandwidth schools": {
    problem: `Many of our schools share one mobile connection for a whole classroom. Connections drop for seconds or minutes several times a lesson:

- JupyterLab shows a connection error, and edits made while offline are lost if the tab is closed or the browser runs out of memory.
- Outputs of cells that ran just before the drop never arrive.
- Students learn that notebooks lose their work, and some teachers have stopped using the hub.`,
    solution: `Keep students' work safe through short outages:

- Save every notebook edit to the browser's IndexedDB as it is made, and sync it back when the connection returns, building on the shared document model used by jupyter-collaboration.
- Queue cell executions made while offline and ask before running them on reconnect.
- Show a clear offline indicator instead of an error dialog.

A fully offline mode (JupyterLite in the classroom) is a separate, later proposal.`,
    plan: `1. Study the outages on three school networks for two weeks.
2. Build the local save and sync, then the execution queue.
3. Test in five classrooms with their teachers.`,
  },

  "Cluster autoscaling presets for teaching": {
    problem: `Every teaching hub in the network tunes its cluster autoscaler by trial and error:

- Scale-down too fast and nodes disappear between two lectures, so the second class waits for new ones.
- Scale-down too slow and a weekend of empty nodes costs more than the lectures.
- Settings differ between GKE, EKS and AKS, and the z2jh documentation covers the user scheduler but not a teaching timetable.`,
    solution: `Publish tested presets for teaching workloads:

- \`values.yaml\` fragments for the three clouds: node pool sizes, scale-down delay, the z2jh user scheduler packing users onto fewer nodes, and placeholder pods sized for a class.
- A load test that replays a real lecture's spawn pattern against a cluster, so a hub can check its own settings.
- Contributed to the z2jh documentation as a "running a teaching hub" guide.`,
    plan: `1. Collect timetables and spawn logs from four teaching hubs.
2. Write the presets and the load test; run each preset on each cloud.
3. Submit the guide to z2jh.`,
  },

  "Climate model output browser": {
    problem: `Students in the Open Climate working groups need CMIP6 output, and finding the right files is most of the first week:

- The data is described by facets (model, experiment, variable, table, member), and the file names encode them inconsistently across modelling centres.
- intake-esm catalogs describe the shared datasets well, but browsing one means writing pandas queries before you know what is there.
- Mistakes are common: monthly instead of daily data, the wrong ensemble member, a variable on a different grid.`,
    solution: `A JupyterLab side panel for intake-esm catalogs:

- Open any intake-esm catalog (starting with the network's shared datasets) and filter by facet, with counts, the way a data portal would.
- Show what a selection contains (frequency, grid, time range, size) before anything is loaded.
- Insert the code that opens the selection with xarray into the notebook, so the analysis stays reproducible.`,
    plan: `1. Design the panel with students from two working groups.
2. Build it as a JupyterLab extension, using only the catalog file, so it works on any hub.
3. Try it at the next annual meeting's tutorial.`,
  },

  "Hub templates for workshops": {
    problem: `Geoscience Carpentry runs about 40 one- or two-day workshops a year, each needing a hub for 20 to 60 learners:

- Setting one up takes an instructor most of a day: a server, The Littlest JupyterHub, the lesson's packages, accounts for learners.
- Materials are copied in by hand, and updates to a lesson mid-workshop do not reach learners.
- Workshop hubs are forgotten after the event and keep running (and costing) for weeks.`,
    solution: `A workshop hub made from a template in minutes:

- A template names the lesson repository, its environment and the workshop's dates. A command creates a TLJH hub from it, with learner accounts from the registration list.
- Lesson materials arrive through nbgitpuller links, so learners get updates with one click and their own changes are kept.
- The hub shuts itself down after the workshop's end date, with an email to the instructor a day before.`,
    plan: `1. Write the template format and the creation command, and contribute the TLJH and nbgitpuller improvements they need.
2. Use it for three workshops and time the setup.
3. Publish the templates for the most taught lessons.`,
  },

  "Notebook diff and merge for instructors": {
    problem: `Our course notebooks are maintained by several instructors through pull requests, and reviewing them is painful:

- Forge review tools show the raw JSON of the notebook: metadata churn, execution counts and base64-encoded images hide the two lines that changed.
- nbdime renders a proper notebook diff, but only on the reviewer's own machine or inside JupyterLab, not where the review happens.
- Merge conflicts in notebooks are resolved by hand in JSON, and sometimes break the file.`,
    solution: `Bring nbdime's diff to the review:

- A CI action that renders nbdime's diff of every changed notebook as a static HTML page and links it from the pull request.
- Improvements to nbdime's web diff: collapsing unchanged cells, hiding output-only changes on request, readable diffs of images.
- Documentation for setting nbdime as the git merge driver for course repositories.`,
    plan: `1. Agree the web diff changes with the nbdime maintainers.
2. Build the CI action and try it on three course repositories.
3. Release the nbdime changes and the action with a guide for instructors.`,
  },

  "Research software citation panel": {
    problem: `Papers written from our notebooks cite the software they used unevenly. Astronomy packages ask to be cited, but a notebook imports twenty of them and nobody checks which.`,
    solution: `A JupyterLab panel listing the packages the running kernel has imported, with each package's citation (from its \`CITATION.cff\` or codemeta file when it has one) and a button to copy them as BibTeX.`,
    plan: `Still being scoped: which metadata sources to trust, and whether it belongs in JupyterLab or in a separate extension.`,
  },

  "Data retention policy tooling": {
    problem: `Northbridge's data protection office requires that personal data is not kept longer than needed. Our hubs keep every former student's home directory indefinitely: about 11,000 volumes, most untouched for over a year.`,
    solution: `A JupyterHub service that applies a retention policy: using the REST API's last-activity times, warn inactive users by email 30 days ahead, archive their home directory to cold storage, then delete the volume and the hub user. Exceptions by group, for research accounts.`,
    plan: `Draft: confirm the policy with the data protection office before scoping the work.`,
  },

  "Blockchain-based hub credits": {
    problem: `Hubs in the network cannot easily trade compute. A hub with spare capacity has no way to be paid by a hub that needs it.`,
    solution: `Issue a network token on a public blockchain. Hubs earn tokens for compute they provide and spend them for compute they use; users could buy tokens to get more resources.`,
    plan: `1. Design the token.
2. Build a wallet into JupyterHub's spawn page.
3. Launch with the network's hubs.`,
  },

  "A new notebook format": {
    problem: `The \`.ipynb\` format is JSON: it diffs badly, mixes outputs with source, and is hard to review or merge. Every hub in the network feels this when notebooks are shared through git.`,
    solution: `Design a plain-text notebook format for the network, with outputs stored separately, and converters to and from \`.ipynb\`. JupyterLab would open it natively through a new document type.`,
    plan: `1. Write a specification.
2. Build the converters and a JupyterLab document type.
3. Move the network's course materials to the new format.`,
  },

  "Hub chat integration": {
    problem: `Learners on our teaching hub ask for help in a separate chat tool, pasting screenshots of their notebooks; helpers cannot see the code.`,
    solution: `A chat panel inside JupyterLab, per course, where learners can share a cell or an error message directly with helpers.`,
    plan: `1. Build the chat panel as a JupyterLab extension.
2. Run it in one course.

(Withdrawn: Jupyter Chat, now maintained in the JupyterLab organization, covers this; we will contribute to it instead.)`,
  },

  "Spring workshop cloud credits pool": {
    problem: `The spring workshop season (about 15 workshops in 8 weeks) needs more capacity than our instructors' hubs have, and each workshop organiser applies for cloud credits alone.`,
    solution: `Pool the money for one shared Zero to JupyterHub cluster for the season, sized for three simultaneous workshops, with each workshop as its own JupyterHub group and profile.`,
    plan: `1. Set up the cluster in February with the lessons' images pre-built.
2. Run the season; publish cost per learner at the end.`,
  },
};

/** What the proposer and staff posted as the work went on, by initiative title. */
export type ProgressUpdate = { title: string; body: string };
export const UPDATES: Record<string, { kickoff: ProgressUpdate; later?: ProgressUpdate }> = {
  "Single sign-on across network hubs": {
    kickoff: {
      title: "Identity providers agreed",
      body: "Five member institutions will federate through their campus identity providers first; the others use the network's own CILogon tenant. The OAuthenticator changes are sketched in an upstream issue, and the maintainers asked for the claim mapping to be configurable rather than hard-coded.",
    },
  },
  "Shared datasets mounted read-only on every hub": {
    kickoff: {
      title: "Storage layout and first three datasets",
      body: "We settled on one S3-compatible bucket per dataset, mounted read-only with a FUSE sidecar so user pods need no extra privileges. ERA5 monthly means, the Allen Brain Observatory sample and the teaching corpus go first.",
    },
  },
  "nbgrader feedback in the student's language": {
    kickoff: {
      title: "Translation strings extracted",
      body: "All feedback templates now go through gettext. Volunteers from three hubs have claimed German, Spanish and Portuguese; the pull request to nbgrader is open as a draft while the template changes are reviewed.",
    },
  },
  "Usage metrics every hub reports the same way": {
    kickoff: {
      title: "Metric names fixed with the Grafana dashboards maintainers",
      body: "Active users, server starts and storage used will be exported under the names jupyterhub-grafana already charts, so hubs get the dashboards for free. The exporter is packaged as a Helm sub-chart.",
    },
    later: {
      title: "Pilot running on two hubs",
      body: "Northbridge and Coastal Ocean report through the exporter since last week. One bug found: culled servers were counted twice for one scrape interval; the fix is merged upstream.",
    },
  },
  "BinderHub federation health page": {
    kickoff: {
      title: "Checks defined with the federation operators",
      body: "Each member is probed every five minutes with a tiny repository build and launch; the page shows the last 24 hours and never the launch logs, which can contain user data.",
    },
    later: {
      title: "Status page in staging",
      body: "The page runs in staging against all four federation members. Operators asked for an RSS feed of incidents, which is now part of the plan.",
    },
  },
  "Image pre-pulling for large classes": {
    kickoff: {
      title: "Schedule-aware pre-pulling designed",
      body: "Instructors add the class time to their course configuration; the continuous image puller warms the nodes an hour ahead, and the autoscaler keeps them until the class ends.",
    },
    later: {
      title: "First classes start in seconds",
      body: "A 240-student statistics class on the Highland hub started in 11 seconds on average, down from four minutes. The change to the zero-to-jupyterhub chart is in review.",
    },
  },
  "Littlest JupyterHub upgrade assistant": {
    kickoff: {
      title: "Upgrade paths listed",
      body: "The assistant will check the running TLJH version, the plugins installed and the free disk space, and refuse to start an upgrade that would not fit. Upgrades from 0.9, 1.0 and 1.1 are covered.",
    },
    later: {
      title: "Delivered and running on the network",
      body: "Released in TLJH 1.2 and used to upgrade nine small hubs of the network without a single restore from backup. Thank you to every organization that funded it.",
    },
  },
  "Bioimage viewers that stream from object storage": {
    kickoff: {
      title: "OME-Zarr reader chosen",
      body: "Viewers read OME-Zarr directly from object storage with range requests; nothing is copied into the user's home directory. The napari and ipyvolume maintainers agreed on a shared loader.",
    },
    later: {
      title: "Delivered and running on the network",
      body: "Released upstream and deployed on the four hubs that asked for it. A 300 GB light-sheet dataset opens in under ten seconds. Thank you to every organization that funded it.",
    },
  },
};
