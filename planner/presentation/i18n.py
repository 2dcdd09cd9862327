"""Words, dates and numbers in the user's language (Danish by default).

One translation table (:data:`TEXT`) holds every label the app, the charts
and the reports show; Babel formats dates and numbers in the locale's form
("1. dec. 2025", "1.733", "62 %"). Dates keep the precision they were
written with: a quarter is shown as "Q3 2023", never as a made-up day.
"""

from __future__ import annotations

import datetime as dt
import os
from enum import Enum

from babel.dates import format_date as _babel_date
from babel.numbers import NumberFormatError, format_decimal, format_percent, parse_decimal

from planner.plan.dates import FuzzyDate, Precision

LANGS = ("da", "en")
# A text missing from the table fails loudly when set (the tests set it); the app shows the key instead.
STRICT = os.environ.get("PLANNER_STRICT_TEXT") == "1"
DEFAULT_LANG = "da"

Entry = str | tuple[str, str]  # a text, or (singular, plural) for a count
TEXT: dict[str, dict[str, Entry]] = {
    # navigation and pages
    "app.title": {"da": "Udrulningsplan", "en": "Rollout plan"},
    "page.overview": {"da": "Overblik", "en": "Overview"},
    "page.programme": {"da": "Program", "en": "Programme"},
    "page.vendors": {"da": "Leverandører", "en": "Vendors"},
    "page.municipalities": {"da": "Kommuner", "en": "Municipalities"},
    "page.targets": {"da": "Mål og fremdrift", "en": "Targets and progress"},
    "page.changes": {"da": "Ændringer", "en": "Changes"},
    "page.waves": {"da": "Bølgeplan", "en": "Wave planner"},
    "page.edit": {"da": "Rediger", "en": "Edit"},
    "page.problems": {"da": "Datafejl", "en": "Data problems"},
    # controls
    "ctl.language": {"da": "Sprog", "en": "Language"},
    "ctl.status_date": {"da": "Status pr.", "en": "Status as of"},
    "ctl.programme": {"da": "Program", "en": "Programme"},
    "ctl.scenario": {"da": "Scenarie", "en": "Scenario"},
    "ctl.kind": {"da": "Systemtype", "en": "System kind"},
    "ctl.colour_by": {"da": "Farve efter", "en": "Colour by"},
    "ctl.search": {"da": "Søg kommune", "en": "Search municipality"},
    "ctl.target": {"da": "Mål", "en": "Target"},
    "ctl.projector": {"da": "Projektortilstand", "en": "Projector mode"},
    # common words
    "w.status_line": {"da": "Status {date}", "en": "Status {date}"},
    "w.status_header": {"da": "Status pr. {date}", "en": "Status as of {date}"},
    "w.estimate": {"da": "skøn", "en": "estimate"},
    "w.estimate_legend": {"da": "Lys/skraveret = skøn (ikke i kilden)", "en": "Light/hatched = estimate (not in the source)"},
    "w.go_live": {"da": "Idriftsættelse", "en": "Go-live"},
    "w.milestone": {"da": "Milepæl", "en": "Milestone"},
    "w.plan_of_record": {"da": "gældende plan", "en": "plan of record"},
    "w.days": {"da": "{n} dage", "en": "{n} days"},
    "w.months": {"da": "{n} mdr.", "en": "{n} months"},
    "w.none": {"da": "ingen", "en": "none"},
    "w.unknown": {"da": "ukendt", "en": "unknown"},
    "w.source": {"da": "Kilde: {source}", "en": "Source: {source}"},
    "w.no_dates": {"da": "Ingen datoer i kilden", "en": "No dates in the source"},
    "w.of": {"da": "af", "en": "of"},
    "w.total": {"da": "I alt", "en": "Total"},
    "w.region": {"da": "Region", "en": "Region"},
    "w.wave": {"da": "Bølge", "en": "Wave"},
    "w.state": {"da": "Status", "en": "State"},
    "w.municipality": {"da": "Kommune", "en": "Municipality"},
    "w.date": {"da": "Dato", "en": "Date"},
    "w.programme": {"da": "Program", "en": "Programme"},
    "w.vendor": {"da": "Leverandør", "en": "Vendor"},
    "w.system": {"da": "System", "en": "System"},
    "w.kind": {"da": "Type", "en": "Kind"},
    "w.note": {"da": "Bemærkning", "en": "Note"},
    "w.name": {"da": "Navn", "en": "Name"},
    "w.phase": {"da": "Fase", "en": "Phase"},
    "w.start": {"da": "Start", "en": "Start"},
    "w.end": {"da": "Slut", "en": "End"},
    "w.count": {"da": "Antal", "en": "Count"},
    "w.owner": {"da": "Ejer", "en": "Owner"},
    "w.reason": {"da": "Begrundelse", "en": "Reason"},
    "w.all": {"da": "Alle", "en": "All"},
    "w.next": {"da": "Næste", "en": "Next"},
    "w.previous": {"da": "Forrige", "en": "Previous"},
    "w.exit": {"da": "Afslut", "en": "Exit"},
    "w.municipalities": {"da": "kommuner", "en": "municipalities"},
    # edit page
    "ed.projector": {"da": "Projektortilstand viser aldrig redigering.", "en": "Projector mode never shows editing."},
    "ed.disabled": {"da": "Appen er skrivebeskyttet. Redigering slås til i .streamlit/secrets.toml:",
                    "en": "The app is read-only. Editing is switched on in .streamlit/secrets.toml:"},
    "ed.your_name": {"da": "Dit navn eller din organisation", "en": "Your name or organisation"},
    "ed.password": {"da": "Adgangskode", "en": "Password"},
    "ed.sign_in": {"da": "Log ind", "en": "Sign in"},
    "ed.sign_in_oidc": {"da": "Log ind med organisationens login", "en": "Sign in with your organisation"},
    "ed.sign_out": {"da": "Log ud", "en": "Sign out"},
    "ed.wrong_password": {"da": "Forkert navn eller adgangskode", "en": "Wrong name or password"},
    "ed.signed_in": {"da": "Logget ind som {who}", "en": "Signed in as {who}"},
    "ed.save": {"da": "Gem", "en": "Save"},
    "ed.saved": {"da": "Gemt i {file}: {fields}", "en": "Saved to {file}: {fields}"},
    "ed.nothing_changed": {"da": "Intet at gemme: du har ikke ændret noget.", "en": "Nothing to save: you changed nothing."},
    "ed.merged": {"da": "Gemt oven på ændringer, som andre har gemt, siden du åbnede formularen: {others}. Deres ændringer er bevaret.",
                  "en": "Saved on top of changes others saved since you opened the form: {others}. Their changes are kept."},
    "ed.conflict": {"da": "Ikke gemt: de samme værdier er ændret, siden du åbnede formularen ({others}). Intet er gået tabt: se forskellen herunder, og vælg selv.",
                    "en": "Not saved: the same values were changed since you opened the form ({others}). Nothing is lost: see the difference below and choose."},
    "ed.stale": {"da": "Filen er gemt af andre, siden du åbnede formularen ({others}). Gemmer du, lægges dine ændringer oven på; rører I ved det samme, får du besked.",
                 "en": "Others saved the file since you opened the form ({others}). If you save, your changes go on top; if you both changed the same value, you will be told."},
    "ed.show_newest": {"da": "Vis den nyeste version", "en": "Show the newest version"},
    "ed.outside_app": {"da": "ændret uden for appen", "en": "changed outside the app"},
    "ed.col_field": {"da": "Felt", "en": "Field"},
    "ed.col_before": {"da": "Da du åbnede", "en": "When you opened it"},
    "ed.col_theirs": {"da": "Gemt imens (nu)", "en": "Saved meanwhile (now)"},
    "ed.col_yours": {"da": "Din ændring", "en": "Your change"},
    "ed.col_when": {"da": "Tidspunkt", "en": "When"},
    "ed.col_who": {"da": "Hvem", "en": "Who"},
    "ed.col_file": {"da": "Fil", "en": "File"},
    "ed.col_old": {"da": "Før", "en": "Before"},
    "ed.col_new": {"da": "Efter", "en": "After"},
    "ed.col_outcome": {"da": "Udfald", "en": "Outcome"},
    "ed.removed": {"da": "(fjernet)", "en": "(removed)"},
    "ed.diff": {"da": "Forskel i filen", "en": "Difference in the file"},
    "ed.reapply": {"da": "Gem mine ændringer oven på den nye version", "en": "Save my changes on top of the new version"},
    "ed.reload": {"da": "Kassér mine ændringer og vis den nye version", "en": "Discard my changes and show the new version"},
    "ed.invalid": {"da": "Ikke gemt: ændringen giver fejl i planen", "en": "Not saved: the change makes the plan invalid"},
    "ed.log_failed": {"da": "Gemt, men ændringsloggen kunne ikke skrives.", "en": "Saved, but the change log could not be written."},
    "ed.gone": {"da": "Punktet findes ikke længere i filen (fjernet eller omdøbt af en anden). Vælg det igen.",
                "en": "The item is no longer in the file (removed or renamed by someone else). Choose it again."},
    "ed.bad_date": {"da": "{field}: '{value}' er ikke en dato. Skriv fx 2025-12-01, 2025-12, 2025-Q4, 2025-W48 eller 2025.",
                    "en": "{field}: '{value}' is not a date. Write e.g. 2025-12-01, 2025-12, 2025-Q4, 2025-W48 or 2025."},
    "ed.value_kind": {"da": "Datoen er", "en": "The date is"},
    "ed.confirmed": {"da": "bekræftet", "en": "confirmed"},
    "ed.estimated": {"da": "anslået", "en": "an estimate"},
    "ed.as_of": {"da": "Oplyst", "en": "Reported"},
    "ed.source": {"da": "Kilde (kort)", "en": "Source (short)"},
    "ed.wave": {"da": "Bølge", "en": "Wave"},
    "ed.no_wave": {"da": "Ingen bølge", "en": "No wave"},
    "ed.delete_row": {"da": "Fjern kommunens statusrække", "en": "Remove the municipality's status row"},
    "ed.national": {"da": "Hele landet (tæller i målene)", "en": "National (counts for the targets)"},
    "ed.by_region": {"da": "Fordelt på regioner (frivilligt)", "en": "By region (optional)"},
    "ed.region_sums": {"da": "Sum af regionerne: {sums}", "en": "Sum of the regions: {sums}"},
    "ed.existing_observations": {"da": "Målinger i filen ({n})", "en": "Observations in the file ({n})"},
    "ed.observation": {"da": "Måling", "en": "Observation"},
    "ed.delete_observation": {"da": "Slet målingen", "en": "Delete the observation"},
    "ed.upload_conflict": {"da": "Ikke gemt: filen er ændret, efter du fik vist den uploadede fil ({others}). At gemme den ville fjerne de ændringer herunder. Upload den igen for at se en ny forskel.",
                           "en": "Not saved: the file changed after your upload was previewed ({others}). Saving it would undo the changes below. Upload it again to see a new difference."},
    "ed.date_help": {"da": "2025-12-01, 2025-12, 2025-Q4, 2025-W48 eller 2025", "en": "2025-12-01, 2025-12, 2025-Q4, 2025-W48 or 2025"},
    "ed.percent": {"da": "Færdig (%)", "en": "Complete (%)"},
    "ed.upload_target": {"da": "Erstat filen", "en": "Replace the file"},
    "ed.upload": {"da": "Upload en YAML-fil til forhåndsvisning", "en": "Upload a YAML file to preview"},
    "ed.accept_upload": {"da": "Gem den uploadede fil", "en": "Save the uploaded file"},
    "ed.no_log": {"da": "Ingen ændringer gemt endnu", "en": "No changes saved yet"},
    "ed.footer": {"da": "Alle ændringer logges i changelog.jsonl", "en": "Every change is logged in changelog.jsonl"},
    "outcome.saved": {"da": "Gemt", "en": "Saved"},
    "outcome.merged": {"da": "Gemt oven på andres ændring", "en": "Saved on top of another change"},
    "outcome.conflict": {"da": "Afvist: samme værdi ændret imens", "en": "Refused: same value changed meanwhile"},
    "git.committed": {"da": "Gemt i git som {commit}.", "en": "Committed to git as {commit}."},
    "git.not-a-repository": {"da": "Datamappen er ikke i git; ændringen står i ændringsloggen.", "en": "The data folder is not in git; the change is in the change log."},
    "git.no-git": {"da": "Git er ikke installeret; ændringen står i ændringsloggen.", "en": "Git is not installed; the change is in the change log."},
    "git.ignored": {"da": "Filen er udelukket fra git (.gitignore); ændringen står i ændringsloggen.", "en": "The file is excluded from git (.gitignore); the change is in the change log."},
    "git.failed": {"da": "Ændringen er gemt, men kunne ikke lægges i git. Bed den, der driver appen, se i serverloggen.", "en": "The change is saved, but could not be committed to git. Ask whoever runs the app to look in the server log."},
    "edit.not-plan-file": {"da": "'{file}' er ikke en planfil, der kan redigeres (portfolio.yaml, vendors.yaml eller programmes/<id>.yaml).", "en": "'{file}' is not a plan file that can be edited (portfolio.yaml, vendors.yaml or programmes/<id>.yaml)."},
    "edit.outside-folder": {"da": "'{file}' ligger uden for datamappen; ret den der.", "en": "'{file}' lies outside the data folder; edit it there."},
    "edit.file-missing": {"da": "{file} findes ikke i datamappen.", "en": "{file} does not exist in the data folder."},
    "edit.unreadable": {"da": "{file} kan ikke læses.", "en": "{file} cannot be read."},
    "edit.not-utf8": {"da": "{file} er ikke gemt som UTF-8. Gem den som UTF-8 (python -m planner validate viser hvor).", "en": "{file} is not saved as UTF-8. Save it as UTF-8 (python -m planner validate says where)."},
    "edit.broken-file": {"da": "{file} har en fejl i linje {line}, kolonne {column}. Ret filen, før du redigerer her.", "en": "{file} has an error at line {line}, column {column}. Fix the file before editing here."},
    "edit.cannot-write-here": {"da": "{field} kan ikke skrives her uden at ændre andre værdier. Ret filen i hånden, eller upload den.", "en": "{field} cannot be written here without changing other values. Edit the file by hand or upload it."},
    "edit.bad-value": {"da": "'{value}' er ikke et tal, der kan stå i en plan.", "en": "'{value}' is not a number that can be in a plan."},
    "edit.lone-surrogate": {"da": "Teksten har et tegn, der ikke kan gemmes. Skriv den igen.", "en": "The text holds a character that cannot be saved. Retype it."},
    "edit.no-such-place": {"da": "{field} findes ikke i filen (ændret af en anden?). Vælg punktet igen.", "en": "{field} is not in the file (changed by someone else?). Choose the item again."},
    "edit.who-required": {"da": "Skriv dit navn eller dine initialer.", "en": "Say who you are (a name or initials)."},
    "edit.write-failed": {"da": "Ikke gemt: {file} kan ikke skrives ({detail}). Intet er ændret.", "en": "Not saved: {file} cannot be written ({detail}). Nothing changed."},
    "edit.conflict": {"da": "Ikke gemt: filen er ændret imens.", "en": "Not saved: the file changed meanwhile."},
    "edit.invalid": {"da": "Ikke gemt: ændringen giver fejl i planen.", "en": "Not saved: the change makes the plan invalid."},
    "edit.programming": {"da": "Ændringen kan ikke laves her. Ret filen i hånden, eller upload den.", "en": "This change cannot be made here. Edit the file by hand or upload it."},
    "obs.no-values": {"da": "Udfyld mindst ét tal.", "en": "Fill in at least one number."},
    "obs.total-missing": {"da": "{metric}: skriv tallet for hele landet. Regionerne alene ({value}) tæller ikke som landstal.", "en": "{metric}: enter the national figure. The regions alone ({value}) do not count as the national figure."},
    "obs.breakdown-too-large": {"da": "{metric}: regionerne giver {value}, mere end hele landet ({other}).", "en": "{metric}: the regions add up to {value}, more than the national figure ({other})."},
    "obs.region-twice": {"da": "Region {region} er nævnt to gange.", "en": "Region {region} is named twice."},
    "obs.unknown-region": {"da": "'{region}' er ikke en region.", "en": "'{region}' is not a region."},
    "obs.negative": {"da": "{metric}: et antal kan ikke være negativt ({value}).", "en": "{metric}: a count cannot be negative ({value})."},
    "obs.not-a-number": {"da": "{metric}: skriv et tal.", "en": "{metric}: enter a number."},
    "obs.date-taken": {"da": "Der er allerede en måling pr. {date}. Slet den først, eller vælg en anden dato.", "en": "There is already an observation on {date}. Delete it first or choose another date."},
    "obs.fell": {"da": "{metric}: {value} er lavere end sidste måling ({other} pr. {date}). Er tallet rigtigt?", "en": "{metric}: {value} is lower than the last observation ({other} on {date}). Is it right?"},
    "field.note": {"da": "Bemærkning", "en": "Note"},
    "field.state": {"da": "Status", "en": "State"},
    "field.ready_by": {"da": "Klar senest", "en": "Ready by"},
    "field.estimate": {"da": "Anslået", "en": "Estimate"},
    "field.as_of": {"da": "Oplyst", "en": "Reported"},
    "field.source": {"da": "Kilde", "en": "Source"},
    "field.start": {"da": "Start", "en": "Start"},
    "field.end": {"da": "Slut", "en": "End"},
    "field.date": {"da": "Dato", "en": "Date"},
    "field.percent_complete": {"da": "Færdig (%)", "en": "Complete (%)"},
    "field.members": {"da": "Bølgens kommuner", "en": "Municipalities of the wave"},
    "field.status": {"da": "Kommunestatus", "en": "Municipality status"},
    "field.observations": {"da": "Måling", "en": "Observation"},
    "ed.tab_readiness": {"da": "Parathed", "en": "Readiness"},
    "ed.tab_phase": {"da": "Faser", "en": "Phases"},
    "ed.tab_milestone": {"da": "Milepæle", "en": "Milestones"},
    "ed.tab_onboarding": {"da": "Kommuner", "en": "Municipalities"},
    "ed.tab_observation": {"da": "Ny måling", "en": "New observation"},
    "ed.tab_upload": {"da": "Upload", "en": "Upload"},
    "ed.tab_log": {"da": "Ændringslog", "en": "Change log"},
    # problems, as the edit page names them
    "prob.file-missing": {"da": "filen mangler", "en": "the file is missing"},
    "prob.file-too-large": {"da": "filen er for stor", "en": "the file is too large"},
    "prob.not-utf8": {"da": "filen er ikke UTF-8", "en": "the file is not UTF-8"},
    "prob.yaml-syntax": {"da": "fejl i YAML-opbygningen", "en": "YAML syntax error"},
    "prob.yaml-tab": {"da": "tabulator i indrykningen; brug mellemrum", "en": "a tab in the indentation; use spaces"},
    "prob.yaml-duplicate-key": {"da": "samme nøgle to gange", "en": "the same key twice"},
    "prob.yaml-tag": {"da": "YAML-tags er ikke tilladt", "en": "YAML tags are not allowed"},
    "prob.yaml-too-complex": {"da": "filen er for dybt indlejret eller bruger for mange aliaser", "en": "the file is nested too deeply or uses too many aliases"},
    "prob.empty-file": {"da": "filen er tom", "en": "the file is empty"},
    "prob.not-a-mapping": {"da": "her skal stå felter (nøgle: værdi)", "en": "fields (key: value) are expected here"},
    "prob.unknown-key": {"da": "ukendt felt", "en": "unknown field"},
    "prob.missing-field": {"da": "et påkrævet felt mangler", "en": "a required field is missing"},
    "prob.wrong-type": {"da": "forkert slags værdi", "en": "wrong kind of value"},
    "prob.bad-value": {"da": "ugyldig værdi", "en": "invalid value"},
    "prob.bad-date": {"da": "ugyldig dato", "en": "invalid date"},
    "prob.out-of-range": {"da": "værdien er uden for det tilladte", "en": "the value is out of range"},
    "prob.duplicate-id": {"da": "samme id to gange", "en": "the same id twice"},
    "prob.unknown-reference": {"da": "henviser til noget, der ikke findes", "en": "refers to something that does not exist"},
    "prob.dependency-cycle": {"da": "afhængighederne går i ring", "en": "the dependencies form a cycle"},
    "prob.unknown-municipality": {"da": "ukendt kommune", "en": "unknown municipality"},
    "prob.unknown-party": {"da": "ukendt part", "en": "unknown party"},
    "prob.end-before-start": {"da": "slutter før den starter", "en": "ends before it starts"},
    "prob.plan-of-record": {"da": "der skal være præcis én gældende plan", "en": "there must be exactly one plan of record"},
    "prob.wave-size": {"da": "bølgens størrelse passer ikke", "en": "the wave's size does not fit"},
    "prob.id-mismatch": {"da": "id'et skal være filens navn", "en": "the id must be the file's name"},
    "prob.future-observation": {"da": "advarsel: måling efter statusdatoen", "en": "warning: an observation after the status date"},
    # changes page
    "ch.baseline": {"da": "Baseline", "en": "Baseline"},
    "ch.pick": {"da": "vælg en gemt baseline", "en": "choose a saved baseline"},
    "ch.revision": {"da": "… eller en git-version (commit eller tag)", "en": "… or a git revision (commit or tag)"},
    "ch.revision_help": {"da": "Når datamappen ligger i git, fx tagget for sidste møde", "en": "When the data folder is in git, e.g. the tag of the last meeting"},
    "ch.none_yet": {"da": "Vælg en baseline. Gem den nuværende plan som baseline med:", "en": "Choose a baseline. Save the current plan as one with:"},
    "ch.title": {"da": ("1 ændring siden {ref}", "{n} ændringer siden {ref}"),
                 "en": ("1 change since {ref}", "{n} changes since {ref}")},
    "ch.what": {"da": "Ændring", "en": "Change"},
    "ch.slip": {"da": "Forskydning (dage)", "en": "Slip (days)"},
    "ch.legend": {"da": "Grå = baseline; tal = forskydning i dage", "en": "Grey = baseline; numbers = slip in days"},
    # wave planner page
    "wp.start": {"da": "Første bølge starter", "en": "First wave starts"},
    "wp.capacity": {"da": "Kapacitet (kommuner ad gangen, 0 = ingen grænse angivet)", "en": "Capacity (municipalities at once, 0 = none given)"},
    "wp.capacity_help": {"da": "Hvor mange kommuner kan være i onboarding samtidig", "en": "How many municipalities can onboard at the same time"},
    "wp.gantt_title": {"da": "Foreslåede bølger", "en": "Proposed waves"},
    "wp.yaml": {"da": "Forslaget som YAML", "en": "The proposal as YAML"},
    "wp.yaml_help": {"da": "Indsæt under 'onboarding:' i {file}. Intet er gemt.", "en": "Paste under 'onboarding:' in {file}. Nothing has been saved."},
    "wp.download": {"da": "Hent YAML", "en": "Download YAML"},
    "wp.check": {"da": "{n} kommuner placeret, hver præcis én gang", "en": "{n} municipalities placed, each exactly once"},
    # RAG
    "rag.red": {"da": "Rød", "en": "Red"},
    "rag.amber": {"da": "Gul", "en": "Amber"},
    "rag.green": {"da": "Grøn", "en": "Green"},
    "rag.manual": {"da": "vurderet", "en": "assessed"},
    "rag.computed": {"da": "beregnet", "en": "computed"},
    "rag.vendors_late": {"da": ("1 leverandør bliver først klar efter bølgens idriftsættelse ({days} dage for sent)",
                                "{n} leverandører bliver først klar efter bølgens idriftsættelse (op til {days} dage for sent)"),
                         "en": ("1 vendor is ready only after its wave's go-live ({days} days late)",
                                "{n} vendors are ready only after their wave's go-live (up to {days} days late)")},
    "rag.target_behind": {"da": "{target}: kræver {need}/md., nuværende tempo {pace}/md.",
                          "en": "{target}: needs {need}/month, current pace {pace}/month"},
    "rag.on_plan": {"da": "Ingen kendte afvigelser fra planen", "en": "No known deviations from the plan"},
    "rag.target_missed": {"da": "{target}: mål ikke nået ved fristen", "en": "{target}: target missed at its due date"},
    # readiness states
    "ready.ready": {"da": "Klar", "en": "Ready"},
    "ready.on-track": {"da": "På sporet", "en": "On track"},
    "ready.at-risk": {"da": "I risiko", "en": "At risk"},
    "ready.late": {"da": "Forsinket", "en": "Late"},
    "ready.unknown": {"da": "Ukendt", "en": "Unknown"},
    # onboarding states
    "onb.unassigned": {"da": "Ikke placeret", "en": "Unassigned"},
    "onb.planned": {"da": "Planlagt", "en": "Planned"},
    "onb.onboarding": {"da": "I gang", "en": "Onboarding"},
    "onb.live": {"da": "I drift", "en": "Live"},
    # milestone kinds
    "ms.go-live": {"da": "Idriftsættelse", "en": "Go-live"},
    "ms.decision": {"da": "Beslutning", "en": "Decision"},
    "ms.meeting": {"da": "Møde", "en": "Meeting"},
    "ms.pilot": {"da": "Pilot", "en": "Pilot"},
    "ms.other": {"da": "Andet", "en": "Other"},
    # overview
    "ov.gantt_title": {"da": "Programmer (gældende plan)", "en": "Programmes (plan of record)"},
    "ov.next_90": {"da": "Milepæle de næste 90 dage", "en": "Milestones in the next 90 days"},
    "ov.no_next": {"da": "Ingen milepæle de næste 90 dage", "en": "No milestones in the next 90 days"},
    "ov.status": {"da": "Status pr. program", "en": "Status per programme"},
    "kpi.programmes": {"da": "Programmer", "en": "Programmes"},
    "kpi.next_go_live": {"da": "Næste idriftsættelse", "en": "Next go-live"},
    "kpi.late_vendors": {"da": "Leverandører bag plan", "en": "Vendors behind plan"},
    "kpi.onboarded": {"da": "Kommuner i gang eller i drift", "en": "Municipalities onboarding or live"},
    # programme page
    "pg.gantt_title": {"da": "{programme}: {scenario}", "en": "{programme}: {scenario}"},
    "pg.conversion": {"da": "Konverteringsvindue", "en": "Conversion window"},
    "pg.conversion_text": {"da": "{parties} skal konvertere fra {start} til {end} ({months} mdr., {days} dage)",
                           "en": "{parties} must convert from {start} to {end} ({months} months, {days} days)"},
    "pg.no_conversion": {"da": "Alle parter går i drift samtidig: ingen konvertering", "en": "All parties go live together: no conversion"},
    "pg.compare": {"da": "Sammenligning af scenarier", "en": "Scenario comparison"},
    "pg.party": {"da": "Partsgruppe", "en": "Party group"},
    "pg.vs": {"da": "i forhold til {scenario}", "en": "compared with {scenario}"},
    "pg.earlier": {"da": "{n} mdr. tidligere", "en": "{n} months earlier"},
    "pg.later": {"da": "{n} mdr. senere", "en": "{n} months later"},
    "pg.same": {"da": "samme tid", "en": "same time"},
    "pg.must_convert": {"da": "Skal konvertere", "en": "Must convert"},
    "pg.vendor_fit": {"da": "Leverandører, der passer", "en": "Vendors that fit"},
    "pg.moved_days": {"da": "{n} d.", "en": "{n} d"},
    "pg.critical_path": {"da": "Kritisk vej", "en": "Critical path"},
    "pg.baseline": {"da": "Baseline", "en": "Baseline"},
    "pg.critical_path_caption": {"da": "sort kant = kritisk vej", "en": "black outline = critical path"},
    "wi.title": {"da": "Hvad nu hvis …? (gemmes ikke)", "en": "What if …? (not saved)"},
    "wi.wave": {"da": "Flyt idriftsættelsen for", "en": "Move the go-live of"},
    "wi.days": {"da": "Antal dage (+ senere, − tidligere)", "en": "Days (+ later, − earlier)"},
    "wi.vendor": {"da": "Flyt en leverandørs klar-dato", "en": "Move a vendor's ready-by date"},
    "wi.vendor_days": {"da": "Antal dage for leverandøren", "en": "Days for the vendor"},
    "wi.moved": {"da": ("1 punkt flyttet:", "{n} punkter flyttet:"), "en": ("1 item moved:", "{n} items moved:")},
    "wi.conversion": {"da": "Konverteringsvindue for {parties}: {days} dage ({change} dage)",
                      "en": "Conversion window for {parties}: {days} days ({change} days)"},
    "wi.late_now": {"da": ("1 leverandør er nu for sent klar", "{n} leverandører er nu for sent klar"),
                    "en": ("1 vendor is now late", "{n} vendors are now late")},
    "pg.dependencies": {"da": "Pile viser afhængigheder", "en": "Arrows show dependencies"},
    # vendors page
    "vd.matrix": {"da": "Parathed pr. leverandør og bølge", "en": "Readiness per vendor and wave"},
    "vd.gap_title": {"da": "Klar-dato mod bølgens idriftsættelse", "en": "Ready-by date against the wave's go-live"},
    "vd.gap_late": {"da": "klar {ready}, {wave} går i drift {golive}: {days} dage for sent",
                    "en": "ready {ready}, {wave} goes live {golive}: {days} days late"},
    "vd.gap_early": {"da": "klar {ready}, {wave} går i drift {golive}: {days} dage før",
                     "en": "ready {ready}, {wave} goes live {golive}: {days} days ahead"},
    "vd.gap_same": {"da": "klar {ready}, {wave} går i drift {golive}: til tiden",
                    "en": "ready {ready}, {wave} goes live {golive}: on time"},
    "vd.gap_none": {"da": "ingen klar-dato oplyst", "en": "no ready-by date given"},
    "vd.holds_back": {"da": "Hvad forsinkede leverandører holder tilbage", "en": "What late vendors hold back"},
    "vd.holds_back_row": {"da": "{vendor} holder {wave} ({parties}) tilbage med {days} dage",
                          "en": "{vendor} holds back {wave} ({parties}) by {days} days"},
    "vd.capped_chart": {"da": "Diagrammet viser de {n} største afvigelser af {total}; alle står i tabellen nedenfor.",
                        "en": "The chart shows the {n} largest gaps of {total}; all are in the table below."},
    "vd.more_late": {"da": "… og {n} flere; se tabellen nedenfor.", "en": "… and {n} more; see the table below."},
    "vd.none_late": {"da": "Ingen leverandør holder en bølge tilbage", "en": "No vendor holds a wave back"},
    "vd.gap_days": {"da": "Dage efter idriftsættelse", "en": "Days after go-live"},
    "vd.ready_by": {"da": "Klar senest", "en": "Ready by"},
    "vd.preferred": {"da": "Foretrækker", "en": "Prefers"},
    "vd.as_of": {"da": "Oplyst", "en": "Stated"},
    # municipalities page
    "mu.map_title": {"da": "{programme}: kommuner efter {by}", "en": "{programme}: municipalities by {by}"},
    "mu.by_wave": {"da": "bølge", "en": "wave"},
    "mu.by_state": {"da": "status", "en": "state"},
    "mu.per_region": {"da": "Pr. region", "en": "Per region"},
    "mu.per_wave": {"da": "Pr. bølge", "en": "Per wave"},
    "mu.unassigned": {"da": "Ikke placeret", "en": "Unassigned"},
    "mu.table": {"da": "Alle 98 kommuner", "en": "All 98 municipalities"},
    "mu.planned_size": {"da": "Planlagt størrelse", "en": "Planned size"},
    "mu.named": {"da": "Navngivne", "en": "Named"},
    "mu.no_onboarding": {"da": "Ingen programmer har kommune-onboarding", "en": "No programme has municipality onboarding"},
    # targets page
    "tg.progress": {"da": "{value} af {target} {unit}", "en": "{value} of {target} {unit}"},
    "tg.period_gone": {"da": "{share} af perioden er gået", "en": "{share} of the period has passed"},
    "tg.needed": {"da": "kræver {need} pr. måned; nuværende tempo {pace}", "en": "needs {need} a month; current pace {pace}"},
    "tg.forecast_reach": {"da": "Prognosen når målet {date}", "en": "The forecast reaches the target {date}"},
    "tg.forecast_never": {"da": "Prognosen når ikke målet", "en": "The forecast does not reach the target"},
    "tg.target_line": {"da": "Mål", "en": "Target"},
    "tg.observed": {"da": "Målt", "en": "Observed"},
    "tg.forecast": {"da": "Prognose (lineær)", "en": "Forecast (straight line)"},
    "tg.needed_line": {"da": "Nødvendigt tempo", "en": "Pace needed"},
    "tg.breakdown": {"da": "Fordeling pr. region ({date})", "en": "Breakdown per region ({date})"},
    "tg.no_targets": {"da": "Ingen mål i data", "en": "No targets in the data"},
    "tg.reached": {"da": "Målet er nået", "en": "Target reached"},
    # problems
    "pr.title": {"da": ("1 problem i datafilerne: resten vises", "{n} problemer i datafilerne: resten vises"),
                 "en": ("1 problem in the data files: the rest is shown", "{n} problems in the data files: the rest is shown")},
    "pr.hint": {"da": "Ret filerne og genindlæs siden; gyldige programmer vises stadig.",
                "en": "Fix the files and reload; valid programmes are still shown."},
    # ---- added for the chart builders (planner/charts/vendors.py, geo.py, targets.py)
    "vd.no_wave": {"da": "ingen bølge", "en": "no wave"},
    "vd.cell_ready": {"da": "klar {date}", "en": "ready {date}"},
    "vd.cell_no_date": {"da": "ingen klar-dato", "en": "no ready-by date"},
    "vd.gap_no_wave": {"da": "klar {ready}; planen har ingen bølge for {kind}",
                       "en": "ready {ready}; the plan has no wave for {kind}"},
    "vd.gap_no_golive": {"da": "klar {ready}; {wave} har ingen dato for idriftsættelse",
                         "en": "ready {ready}; {wave} has no go-live date"},
    "vd.zero_line": {"da": "Bølgens idriftsættelse", "en": "The wave's go-live"},
    "vd.late": {"da": "Klar for sent", "en": "Ready too late"},
    "vd.on_time": {"da": "Klar til tiden eller før", "en": "Ready on time or early"},
    "vd.no_vendors": {"da": "Ingen leverandører at vise", "en": "No vendors to show"},
    "mu.no_programme": {"da": "Programmet har ingen kommune-onboarding", "en": "The programme has no municipality onboarding"},
    "mu.region_title": {"da": "Kommuner pr. region efter status", "en": "Municipalities per region by state"},
    "tg.due": {"da": "Frist {date}", "en": "Due {date}"},
    "tg.per_month": {"da": "{value}/md.", "en": "{value}/month"},
    "tg.no_observations": {"da": "Ingen målinger", "en": "No observations"},
    "tg.regions_sum": {"da": "regionerne summer til {value}", "en": "the regions add up to {value}"},
    # baselines and diff
    "diff.none": {"da": "ingen ændringer", "en": "no changes"},
    "diff.day": {"da": "{n} dag", "en": "{n} day"},
    "diff.n_days": {"da": "{n} dage", "en": "{n} days"},
    "diff.later": {"da": "{n} senere", "en": "{n} later"},
    "diff.earlier": {"da": "{n} tidligere", "en": "{n} earlier"},
    "diff.same_day": {"da": "samme dag", "en": "same day"},
    "diff.moved": {"da": "flyttet fra {old} til {new} ({slip})", "en": "moved from {old} to {new} ({slip})"},
    "diff.phase": {"da": "ændret fra {old} til {new} ({what})", "en": "changed from {old} to {new} ({what})"},
    "diff.starts": {"da": "starter {slip}", "en": "starts {slip}"},
    "diff.ends": {"da": "slutter {slip}", "en": "ends {slip}"},
    "diff.longer": {"da": "{n} længere", "en": "{n} longer"},
    "diff.shorter": {"da": "{n} kortere", "en": "{n} shorter"},
    "diff.same_length": {"da": "samme længde", "en": "same length"},
    "diff.plan_of_record": {"da": "gældende plan skiftet fra {old} til {new}",
                            "en": "plan of record switched from {old} to {new}"},
    "diff.readiness": {"da": "parathed ændret fra {old} til {new}", "en": "readiness changed from {old} to {new}"},
    "diff.target": {"da": "mål ændret fra {old} til {new}", "en": "target changed from {old} to {new}"},
    "diff.date_set": {"da": "{field} sat til {new}", "en": "{field} set to {new}"},
    "diff.date_removed": {"da": "{field} fjernet (var {old})", "en": "{field} removed (was {old})"},
    "diff.date_moved": {"da": "{field} flyttet fra {old} til {new} ({slip})",
                        "en": "{field} moved from {old} to {new} ({slip})"},
    "diff.field.ready_by": {"da": "klar-dato", "en": "ready-by date"},
    "diff.field.start": {"da": "start", "en": "start"},
    "diff.field.due": {"da": "frist", "en": "due date"},
    "diff.added": {"da": "{what} tilføjet", "en": "{what} added"},
    "diff.removed": {"da": "{what} fjernet", "en": "{what} removed"},
    "diff.item.programme": {"da": "program", "en": "programme"},
    "diff.item.scenario": {"da": "scenarie", "en": "scenario"},
    "diff.item.wave": {"da": "bølge", "en": "wave"},
    "diff.item.phase": {"da": "fase", "en": "phase"},
    "diff.item.milestone": {"da": "milepæl", "en": "milestone"},
    "diff.item.vendor": {"da": "leverandør", "en": "vendor"},
    "diff.item.target": {"da": "mål", "en": "target"},
    "diff.item.readiness": {"da": "parathed", "en": "readiness"},
    # the wave planner (planner/waveplan.py)
    "wp.header": {"da": "Forslag fra bølgeplanlæggeren: {n} kommuner i {waves} bølger fra {start}",
                  "en": "Proposed by the wave planner: {n} municipalities in {waves} waves from {start}"},
    "wp.no_duration": {"da": "ingen duration_months angivet; {n} måneder pr. bølge er antaget",
                       "en": "no duration_months given; {n} months per wave assumed"},
    "wp.sequential": {"da": "ingen kapacitet angivet: bølgerne følger efter hinanden",
                      "en": "no capacity given: the waves follow one another"},
    "wp.capped": {"da": "{wave}: planlagt størrelse {size} begrænset til kapaciteten på {capacity}",
                  "en": "{wave}: planned size {size} capped at the capacity of {capacity}"},
    "wp.extra_waves": {"da": ("de planlagte bølger rummer højst {room} af {total} kommuner; 1 bølge à {size} tilføjet: {ids}",
                              "de planlagte bølger rummer højst {room} af {total} kommuner; {n} bølger à {size} tilføjet: {ids}"),
                       "en": ("the planned waves hold at most {room} of {total} municipalities; added 1 wave of {size}: {ids}",
                              "the planned waves hold at most {room} of {total} municipalities; added {n} waves of {size}: {ids}")},
    "wp.below_min": {"da": "{wave} får {n} kommuner, færre end de planlagte mindst {low}",
                     "en": "{wave} gets {n} municipalities, fewer than the planned minimum of {low}"},
    "wp.dropped": {"da": "{wave} udelades: der er ingen kommuner tilbage til den",
                   "en": "{wave} is left out: no municipalities are left for it"},
    # meeting pack
    "rp.footer": {"da": "Status pr. {date} · Kilde: {source}", "en": "Status as of {date} · Source: {source}"},
    "rp.programmes_rag": {"da": "{n} programmer: {red} røde, {amber} gule",
                          "en": "{n} programmes: {red} red, {amber} amber"},
    "rp.vendors_late": {"da": "{n} af {total} leverandørsvar er klar efter bølgens idriftsættelse",
                        "en": "{n} of {total} vendor answers are ready after their wave's go-live"},
    "rp.sheet_items": {"da": "Faser og milepæle", "en": "Phases and milestones"},
    "rp.sheet_readiness": {"da": "Parathed", "en": "Readiness"},
    "rp.sheet_onboarding": {"da": "Onboarding", "en": "Onboarding"},
    "rp.sheet_targets": {"da": "Mål", "en": "Targets"},
    "rp.sheet_observations": {"da": "Målinger", "en": "Observations"},
    "rp.changes_title": {"da": "Ændringer siden {ref}", "en": "Changes since {ref}"},
    "rp.more_changes": {"da": "… og {n} flere (se Ændringer i appen)", "en": "… and {n} more (see Changes in the app)"},
    "rp.download": {"da": "Mødepakke", "en": "Meeting pack"},
    "rp.download_pptx": {"da": "PowerPoint (16:9)", "en": "PowerPoint (16:9)"},
    "rp.download_html": {"da": "HTML (offline)", "en": "HTML (offline)"},
    "rp.download_xlsx": {"da": "Excel-tabeller", "en": "Excel tables"},
    "rp.building": {"da": "Laver mødepakken …", "en": "Building the meeting pack …"},
}


def _entry(key: str, lang: str) -> Entry | None:
    entry = TEXT.get(key)
    if entry is None:
        if STRICT:
            raise KeyError(f"no text for {key!r} in the message table")
        return None
    return entry.get(lang) or entry[DEFAULT_LANG]


def t(key: str, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The text for ``key`` in ``lang``, with ``{placeholders}`` filled in (the key itself if unknown, unless STRICT)."""
    text = _entry(key, lang)
    if text is None:
        return key
    if isinstance(text, tuple):
        raise TypeError(f"{key!r} depends on a count: use tn()")
    return text.format(**values) if values else text


def say(key: str, lang: str, values: dict[str, object]) -> str:
    """A stored message (key and values, as the analysis keeps notes): by its count ``n`` where it has one."""
    if isinstance(_entry(key, lang), tuple) and "n" in values:
        rest = {k: v for k, v in values.items() if k != "n"}
        return tn(key, int(str(values["n"])), lang, **rest)
    return t(key, lang, **values)


def tn(key: str, n: int, lang: str = DEFAULT_LANG, **values: object) -> str:
    """The text for ``key`` for a count ``n``: singular for 1, plural otherwise (Danish and English alike)."""
    forms = _entry(key, lang)
    if forms is None:
        return key
    singular, plural = forms if isinstance(forms, tuple) else (forms, forms)
    return (singular if n == 1 else plural).format(n=number(n, lang), **values)


def enum_label(value: Enum, prefix: str, lang: str = DEFAULT_LANG) -> str:
    """Label of an enum member, e.g. ``enum_label(ReadinessState.LATE, 'ready')``."""
    return t(f"{prefix}.{value.value}", lang)


def _locale(lang: str) -> str:
    return "da_DK" if lang == "da" else "en_GB"


def day(value: dt.date, lang: str = DEFAULT_LANG) -> str:
    """'1. dec. 2025' / '1 Dec 2025'."""
    return _babel_date(value, "d. MMM y" if lang == "da" else "d MMM y", locale=_locale(lang))


def month(value: dt.date, lang: str = DEFAULT_LANG) -> str:
    """'dec. 2025' / 'Dec 2025'."""
    return _babel_date(value, "MMM y", locale=_locale(lang))


def quarter(value: dt.date) -> str:
    return f"Q{(value.month - 1) // 3 + 1} {value.year}"


def fuzzy(value: FuzzyDate | None, lang: str = DEFAULT_LANG) -> str:
    """A written date at the precision it was written: '1. dec. 2025', 'Q3 2023', 'uge 9 2023'."""
    if value is None:
        return "–"
    first = value.first
    match value.precision:
        case Precision.DAY:
            return day(first, lang)
        case Precision.MONTH:
            return month(first, lang)
        case Precision.QUARTER:
            return quarter(first)
        case Precision.WEEK:
            week = first.isocalendar()
            return f"{'uge' if lang == 'da' else 'week'} {week.week} {week.year}"
        case _:
            return str(first.year)


def parse_number(text: str, lang: str = DEFAULT_LANG) -> float | None:
    """A number as typed in ``lang`` ('1.733', '11,5' in Danish); None when empty, NaN when not a number."""
    text = text.strip().replace(" ", "").replace("\u00a0", "")
    if not text:
        return None
    try:
        return float(parse_decimal(text, locale=_locale(lang), strict=True))
    except NumberFormatError:
        return float("nan")


def number(value: float, lang: str = DEFAULT_LANG, decimals: int = 0) -> str:
    """'1.733' / '1,733'; with decimals '11,5' / '11.5'."""
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(round(value, decimals), format=pattern, locale=_locale(lang))


def percent(share: float, lang: str = DEFAULT_LANG) -> str:
    """'62 %' / '62%'."""
    return format_percent(share, locale=_locale(lang)).replace("\xa0", " ")
