//! What a problem says, in Danish and English: the symptom, and where a likely cause or a way
//! out is known, that too.

use super::super::tools::Tool;
use super::{Problem, ProblemKind, shown};
use crate::locale::Lang;

impl Problem {
    /// What is wrong, without the file name: for the import view's table.
    pub fn describe(&self, lang: Lang) -> String {
        // In a workbook the place ("Ark1, række 12, kolonne D") already names the column.
        let column = self
            .column
            .as_ref()
            .filter(|(_, header)| !header.is_empty() && self.sheet.is_none())
            .map(|(number, header)| match lang {
                Lang::Da => format!(" (kolonne {number} «{}»)", shown(header)),
                Lang::En => format!(" (column {number} “{}”)", shown(header)),
            });
        let column = column.unwrap_or_default();
        let header = shown(self.column.as_ref().map_or("", |(_, header)| header.as_str()));
        let header = header.as_str();
        // Values from the file are shown safe for a terminal and short enough to read.
        let kind = self.kind.shown();
        use ProblemKind::*;
        match (&kind, lang) {
            (NotFound, Lang::Da) => "filen findes ikke".into(),
            (NotFound, Lang::En) => "the file does not exist".into(),
            (NoAccess, Lang::Da) => "ingen adgang til at læse filen".into(),
            (NoAccess, Lang::En) => "no permission to read the file".into(),
            (Unreadable { reason }, Lang::Da) => format!("kan ikke læse filen: {reason}"),
            (Unreadable { reason }, Lang::En) => format!("cannot read the file: {reason}"),
            (Empty, Lang::Da) => "filen er tom".into(),
            (Empty, Lang::En) => "the file is empty".into(),
            (HeaderOnly, Lang::Da) => "filen har kun en overskriftslinje og ingen svar".into(),
            (HeaderOnly, Lang::En) => "the file has only a header line and no answers".into(),
            (Binary, Lang::Da) => "filen er ikke en tekstfil (CSV); gem den som CSV fra Excel".into(),
            (Binary, Lang::En) => "the file is not a text (CSV) file; save it as CSV from Excel".into(),
            (UnclosedQuote, Lang::Da) => format!("et citationstegn åbner her og lukker aldrig{column}"),
            (UnclosedQuote, Lang::En) => format!("a quote opens here and never closes{column}"),
            (Ragged { expected, found }, Lang::Da) => {
                format!("rækken har {found} felter, overskriften har {expected}{column}")
            }
            (Ragged { expected, found }, Lang::En) => {
                format!("the row has {found} fields, the header has {expected}{column}")
            }
            (OutOfScale { value }, Lang::Da) => format!("«{value}» ligger uden for skalaen 1-5{column}"),
            (OutOfScale { value }, Lang::En) => format!("“{value}” is outside the 1-5 scale{column}"),
            // The way out, as a flag: the text as "don't know", or its value by a code list
            // whose code is the text itself.
            (NotAScalePoint { value }, Lang::Da) => format!(
                "«{value}»{column} er ikke et punkt på skalaen: svar er hele eller halve point — er rækken et gennemsnit eller en total, så slet den"
            ),
            (NotAScalePoint { value }, Lang::En) => format!(
                "“{value}”{column} is no point of the scale: answers are whole or half points — if the row is an average or a total, delete it"
            ),
            (ExcelError { value }, Lang::Da) => format!(
                "cellen viser Excels fejl «{value}»{column}: en formel kunne ikke regnes ud, så svaret kendes ikke — ret formlen, eller tøm cellen, hvis der ikke er svaret"
            ),
            (ExcelError { value }, Lang::En) => format!(
                "the cell shows Excel's error “{value}”{column}: a formula could not be computed, so the answer is unknown — fix the formula, or empty the cell if nothing was answered"
            ),
            (FormulaWithoutValue { formula }, Lang::Da) => format!(
                "cellen har formlen «{formula}» uden udregnet værdi{column}, så svaret kendes ikke: filen er skrevet af et program og aldrig gemt i Excel — åbn og gem den i Excel, så formlerne regnes ud"
            ),
            (FormulaWithoutValue { formula }, Lang::En) => format!(
                "the cell holds the formula “{formula}” without a computed value{column}, so its answer is unknown: the file was written by a program and never saved in Excel — open and save it in Excel so the formulas are computed"
            ),
            (CodeNotInList { value }, Lang::Da) => format!(
                "koden «{value}» har ingen tekst i kodelisten for kolonne «{header}», og listens koder er ikke de tal, de står for (fx 1 = «Meget tilfreds»): svaret kan ikke kendes — tilføj koden til kodelisten"
            ),
            (CodeNotInList { value }, Lang::En) => format!(
                "the code “{value}” has no text in the code list of column “{header}”, whose codes are not the numbers they stand for (e.g. 1 = “Meget tilfreds”): the answer cannot be known — add the code to the code list"
            ),
            (UnknownLabel { value }, Lang::Da) => format!(
                "«{value}» er ikke et kendt svar på skalaen{column} — står svaret for «ved ikke», så giv det med --dont-know; ellers giv --labels FIL med rækken «{header};svaret;tallet 1-5»"
            ),
            (UnknownLabel { value }, Lang::En) => format!(
                "“{value}” is not a known answer on the scale{column} — if the answer means “don't know”, give it with --dont-know; else give --labels FILE with the row “{header};the answer;its number 1-5”"
            ),
            (BadWeek { value }, Lang::Da) => format!("«{value}» er ikke et ugenummer{column}"),
            (BadWeek { value }, Lang::En) => format!("“{value}” is not a week number{column}"),
            (BadDate { value }, Lang::Da) => format!("«{value}» er ikke en dato{column}"),
            (BadDate { value }, Lang::En) => format!("“{value}” is not a date{column}"),
            (NoAnswerColumns, Lang::Da) => {
                "ingen kolonne med svar: ingen score-kolonne og ingen kolonne med værdier på skalaen 1-5".into()
            }
            (NoAnswerColumns, Lang::En) => {
                "no column of answers: no score column and no column of values on the 1-5 scale".into()
            }
            (ConstantColumn { value }, Lang::Da) => format!(
                "kolonne «{header}» har svaret «{value}» i alle rækker og regnes ikke som et spørgsmål (en side eller en status?); er den et spørgsmål, så brug --role \"{header}=question\""
            ),
            (ConstantColumn { value }, Lang::En) => format!(
                "column “{header}” holds “{value}” in every row and is not averaged as a question (a page or a status?); if it is a question, use --role \"{header}=question\""
            ),
            (OtherScaleColumn { range }, Lang::Da) => format!(
                "kolonne «{header}» har svar på en anden skala ({range}) end 1-5 og regnes ikke med i gennemsnittene (en anbefaling 0-10, et antal, en skala med færre eller flere trin?); den kan bruges som kategori"
            ),
            (OtherScaleColumn { range }, Lang::En) => format!(
                "column “{header}” holds answers on another scale ({range}) than 1-5 and is not averaged (a 0-10 recommendation, a count, a scale with fewer or more points?); it can be used as a category"
            ),
            (SameResponses { as_file, responses }, Lang::Da) => format!(
                "{responses} besvarelser står også i «{as_file}» (samme id eller tidspunkt og de samme svar) og tælles to gange — er den ene en ældre eksport af den samme undersøgelse? Så giv kun den nyeste"
            ),
            (SameResponses { as_file, responses }, Lang::En) => format!(
                "{responses} responses are also in “{as_file}” (the same id or time and the same answers) and count twice — is one an older export of the same survey? Then give only the newest"
            ),
            (FewScalePoints { high, answers }, Lang::Da) => format!(
                "kolonne «{header}» har kun svarene 1-{high} i {answers} svar, men regnes som et spørgsmål på skalaen 1-5 — er den en rangordning eller en kode (1 = Ja, 2 = Nej)? Så giv --role \"{header}=category\""
            ),
            (FewScalePoints { high, answers }, Lang::En) => format!(
                "column “{header}” holds only the answers 1-{high} in {answers} answers, yet is averaged on the 1-5 scale — is it a ranking or a code (1 = yes, 2 = no)? Then give --role \"{header}=category\""
            ),
            (TitleAboveHeader { lines }, Lang::Da) => format!(
                "titlen over denne linje er sprunget over ({} med et eller to felter); kolonneoverskrifterne er læst herfra",
                counted(*lines, "linje", "linjer")
            ),
            (TitleAboveHeader { lines }, Lang::En) => format!(
                "the title above this line was passed over ({} of one or two fields); the column headers are read from here",
                counted(*lines, "line", "lines")
            ),
            (AnswerCodes { example }, Lang::Da) => format!(
                "kolonne «{header}» har svarkoder («{example}» …) og ingen kodeliste, så den regnes ikke med; er det svar på skalaen, så giv --labels FIL med en række pr. kode, fx «{header};{example};Meget tilfreds»"
            ),
            (AnswerCodes { example }, Lang::En) => format!(
                "column “{header}” holds answer codes (“{example}” …) and no code list, so it is not averaged; if they are answers on the scale, give --labels FILE with a row per code, e.g. “{header};{example};Very satisfied”"
            ),
            (NotUtf8, Lang::Da) => {
                "linjen har tegn der ikke er UTF-8, som resten af filen; de er læst som Windows-1252 (en linje indsat fra et andet program?) — se efter at navnene er rigtige".into()
            }
            (NotUtf8, Lang::En) => {
                "the line has characters that are not UTF-8, unlike the rest of the file; they are read as Windows-1252 (a line pasted from another program?) — check that the names are right".into()
            }
            (NotUtf16, Lang::Da) => {
                "linjen har tegn der ikke er gyldig UTF-16 (et halvt tegnpar); de vises som «�», så et navn på linjen er ikke det rigtige — ret tegnet i filen".into()
            }
            (NotUtf16, Lang::En) => {
                "the line has characters that are not valid UTF-16 (half a surrogate pair); they show as “�”, so a name on the line is not the one meant — correct the character in the file".into()
            }
            (RepeatedResponses { responses }, Lang::Da) => format!(
                "{responses} svar står mere end én gang i filen (samme svar-id eller tidspunkt og de samme svar), den første gentagelse på denne linje: hver gentagelse tælles med — fjern de gentagne rækker"
            ),
            (RepeatedResponses { responses }, Lang::En) => format!(
                "{responses} responses are in the file more than once (the same response id or time and the same answers), the first repeat on this line: every repeat is counted — remove the repeated rows"
            ),
            (WeekPlanClash { rows }, Lang::Da) => format!(
                "{} en uge{column}, som ikke er den uge, planen giver datoen{}: ugekolonnen bruges — er det kalenderuger, så giv --role med rollen ignore for den, så ugerne regnes ud fra datoerne",
                counted(*rows, "række har", "rækker har"),
                first_of_many(*rows, ", den første på denne linje"),
            ),
            (WeekPlanClash { rows }, Lang::En) => format!(
                "{} a week{column} that is not the week the plan gives its date{}: the week column is used — if these are calendar weeks, give --role with the role ignore for it, so the weeks come from the dates",
                counted(*rows, "row has", "rows have"),
                first_of_many(*rows, ", the first on this line"),
            ),
            (WeekPhaseClash { rows }, Lang::Da) => format!(
                "{} en uge, der hører til en anden fase end den, fasekolonnen nævner{column} (fx uge 4 og «Klargøring»){}: fasekolonnens fase bruges — ret den ene af dem",
                counted(*rows, "række har", "rækker har"),
                first_of_many(*rows, ", den første på denne linje"),
            ),
            (WeekPhaseClash { rows }, Lang::En) => format!(
                "{} a week of another phase than the one the phase column names{column} (e.g. week 4 and “Klargøring”){}: the phase column's phase is used — correct one of them",
                counted(*rows, "row has", "rows have"),
                first_of_many(*rows, ", the first on this line"),
            ),
            (Unsubmitted { responses }, Lang::Da) => format!(
                "{} aldrig afsluttet (ingen «submitdate»){}: de svar, der nåede at blive givet, tælles med",
                counted(*responses, "besvarelse blev", "besvarelser blev"),
                first_of_many(*responses, ", den første på denne linje"),
            ),
            (Unsubmitted { responses }, Lang::En) => format!(
                "{} never completed (no “submitdate”){}: the answers given are counted",
                counted(*responses, "response was", "responses were"),
                first_of_many(*responses, ", the first on this line"),
            ),
            (TestResponse { name }, Lang::Da) => format!(
                "kommunen «{name}» (første gang på denne linje) ligner et testsvar: dens svar tælles med — fjern rækkerne, hvis de er test"
            ),
            (TestResponse { name }, Lang::En) => format!(
                "the municipality “{name}” (first on this line) looks like a test response: its answers are counted — remove the rows if they are tests"
            ),
            (GivenTwice, Lang::Da) => "filen er givet to gange: læst én gang, så svarene ikke tælles to gange".into(),
            (GivenTwice, Lang::En) => "the file is given twice: read once, so the answers are not counted twice".into(),
            (TotalRow, Lang::Da) => format!(
                "rækken ligner en tabels totalrække{column}: dens tal er ikke svar og tælles ikke med"
            ),
            (TotalRow, Lang::En) => format!(
                "the row looks like a table's total row{column}: its numbers are no answers and are not counted"
            ),
            (MergedCellsFilled { regions }, Lang::Da) => format!(
                "{} flettet ned over flere rækker: hver række under den øverste er læst med den øverste celles værdi, som Excel viser den",
                counted(*regions, "celle er", "celler er")
            ),
            (MergedCellsFilled { regions }, Lang::En) => format!(
                "{} merged down over several rows: each row under the top one is read with the top cell's value, as Excel shows it",
                counted(*regions, "cell is", "cells are")
            ),
            (PlanAgainstFileName { wave, rows }, Lang::Da) => format!(
                "planen placerer {} i en anden rul end «{wave}», som filnavnet siger: planens rul bruges — er filen kun for «{wave}», så ret planen",
                counted(*rows, "række", "rækker")
            ),
            (PlanAgainstFileName { wave, rows }, Lang::En) => format!(
                "the plan places {} in another wave than “{wave}”, which the file's name says: the plan's wave is used — if the file is for “{wave}” only, correct the plan",
                counted(*rows, "row", "rows")
            ),
            (HeaderAgain, Lang::Da) => {
                "rækken gentager overskriften (to eksporter sat under hinanden?): den tælles ikke med — tjek, at ingen svar står to gange".into()
            }
            (HeaderAgain, Lang::En) => {
                "the row repeats the header (two exports pasted one under the other?): it is not counted — check that no answers are there twice".into()
            }
            (EmptyContextCells { rows, under }, Lang::Da) => format!(
                "{} en tom celle her{column}{}: svarene tælles under «{under}» — er cellerne flettet i Excel, så ophæv fletningen og udfyld dem",
                counted(*rows, "række med svar har", "rækker med svar har"),
                first_of_many(*rows, ", den første på denne linje"),
            ),
            (EmptyContextCells { rows, under }, Lang::En) => format!(
                "{} an empty cell here{column}{}: the answers count under “{under}” — if the cells are merged in Excel, unmerge and fill them",
                counted(*rows, "row with answers has", "rows with answers have"),
                first_of_many(*rows, ", the first on this line"),
            ),
            (UncomputedFormulas { cells, first }, Lang::Da) => format!(
                "{cells} celler (den første er {first}) har en formel uden udregnet værdi, så deres svar kendes ikke: filen er skrevet af et program og aldrig gemt i Excel — åbn og gem den i Excel, så formlerne regnes ud"
            ),
            (UncomputedFormulas { cells, first }, Lang::En) => format!(
                "{cells} cells (the first is {first}) hold a formula without a computed value, so their answers are unknown: the file was written by a program and never saved in Excel — open and save it in Excel so the formulas are computed"
            ),
            (ComputedColumn, Lang::Da) => format!(
                "kolonnen ser udregnet ud af svarene (fx rækkens gennemsnit){column} og tælles ikke med, så svarene ikke tælles to gange; er den et spørgsmål, så giv --role med rollen question"
            ),
            (ComputedColumn, Lang::En) => format!(
                "the column looks worked out from the answers (e.g. the row's average){column} and is not counted, so no answer counts twice; if it is a question, give --role with the role question"
            ),
            (SecondColumnOfRole { role, used }, Lang::Da) => format!(
                "kolonne «{header}» ligner også en kolonne med rollen «{}», men «{used}» bruges; denne er en kategori — er det den forkerte, så giv --role \"{header}={}\"",
                role.label(Lang::Da).to_lowercase(),
                role.keyword()
            ),
            (SecondColumnOfRole { role, used }, Lang::En) => format!(
                "column “{header}” also looks like a column of the role “{}”, but “{used}” is used; this one is a category — if that is the wrong one, give --role \"{header}={}\"",
                role.label(Lang::En).to_lowercase(),
                role.keyword()
            ),
            (ReversedByWords, Lang::Da) => format!(
                "kolonnen siger, at 1 er det bedste{column}: dens tal er vendt (1 regnes som 5, 5 som 1), så et højt gennemsnit stadig er godt — er det forkert, så giv --labels FIL med kolonnens koder"
            ),
            (ReversedByWords, Lang::En) => format!(
                "the column says 1 is the best{column}: its numbers are turned around (1 counts as 5, 5 as 1), so a high mean is still good — if that is wrong, give --labels FILE with the column's codes"
            ),
            (NotScores { ranking }, Lang::Da) => format!(
                "kolonnen er {}{column}; den regnes ikke med i gennemsnittene, men kan bruges som kategori — er den et spørgsmål på skalaen 1-5, så giv --role med rollen question",
                if *ranking { "en rangordning (1 er førstepladsen)" } else { "et antal (fx personer eller timer)" }
            ),
            (NotScores { ranking }, Lang::En) => format!(
                "the column is {}{column}; it is left out of the means, but can be used as a category — if it is a question on the 1-5 scale, give --role with the role question",
                if *ranking { "a ranking (1 is the first place)" } else { "a count (e.g. people or hours)" }
            ),
            (NoMiddleAnswer { answers }, Lang::Da) => format!(
                "ingen af de {answers} svar er skalaens midte (fx «Hverken tilfreds eller utilfreds»){column}: havde spørgsmålet kun fire svarmuligheder, tæller «Utilfreds» her 2 og «Tilfreds» 4 på skalaen 1-5, ikke 2 og 3 af 4 — er det sådan, så giv --labels med kolonnens svar og tal, eller udelad kolonnen med --role"
            ),
            (NoMiddleAnswer { answers }, Lang::En) => format!(
                "none of the {answers} answers is the scale's middle (e.g. “Neither satisfied nor dissatisfied”){column}: if the question had only four choices, “Dissatisfied” counts as 2 and “Satisfied” as 4 on the 1-5 scale here, not 2 and 3 of 4 — if so, give --labels with the column's answers and numbers, or leave the column out with --role"
            ),
            (OtherSheetNotRead { sheet, read }, Lang::Da) => format!(
                "arket «{sheet}» har også data, men kun «{read}» er læst: dets svar er ikke talt med — gem det som sin egen fil, eller flyt svarene over i «{read}», hvis de skal med"
            ),
            (OtherSheetNotRead { sheet, read }, Lang::En) => format!(
                "the sheet “{sheet}” holds data too, but only “{read}” is read: its answers are not counted — save it as a file of its own, or move the answers into “{read}”, if they belong"
            ),
            (NotAFile, Lang::Da) => "ikke en almindelig fil (en mappe, en pipe eller en enhed)".into(),
            (NotAFile, Lang::En) => "not a regular file (a folder, a pipe or a device)".into(),
            (LineTooLong { limit }, Lang::Da) => {
                format!("rækken er længere end {} MB: filen ligner ikke en spørgeskemaeksport", limit >> 20)
            }
            (LineTooLong { limit }, Lang::En) => {
                format!("the row is longer than {} MB: the file does not look like a survey export", limit >> 20)
            }
            (TooManyColumns { columns, limit }, Lang::Da) => {
                format!("filen har {columns} kolonner; mere end {limit} læses ikke")
            }
            (TooManyColumns { columns, limit }, Lang::En) => {
                format!("the file has {columns} columns; more than {limit} are not read")
            }
            (SameContent { as_file }, Lang::Da) => {
                format!("samme indhold som «{as_file}»: læst én gang, så svarene ikke tælles to gange")
            }
            (SameContent { as_file }, Lang::En) => {
                format!("the same content as “{as_file}”: read once, so the answers are not counted twice")
            }
            (Workbook { da, .. }, Lang::Da) => da.clone(),
            (Workbook { en, .. }, Lang::En) => en.clone(),
            (OldExcel, Lang::Da) => "en gammel Excel-fil (.xls): gem den som .xlsx eller CSV".into(),
            (OldExcel, Lang::En) => "an old Excel file (.xls): save it as .xlsx or CSV".into(),
            (CodeOutsideScale { value, rows, tool }, lang) => code_outside_scale(value, *rows, *tool, header, lang),
            (RowInsideQuotes { inner_line }, Lang::Da) => format!(
                "teksten i citationstegn løber over linje {inner_line}, som ligner en hel række for sig{column}: et afsluttende citationstegn mangler sikkert, og rækkens svar er ikke talt med"
            ),
            (RowInsideQuotes { inner_line }, Lang::En) => format!(
                "the quoted text runs over line {inner_line}, which looks like a whole row of its own{column}: a closing quote is probably missing, and that row's answers are not counted"
            ),
            (SecondHeaderRow, Lang::Da) => {
                "rækken ligner en ekstra overskriftslinje (svarmulighedernes navne), ikke svar".into()
            }
            (SecondHeaderRow, Lang::En) => "the row looks like a second header row (the options' names), not answers".into(),
            (AmbiguousDates { example, needed }, Lang::Da) => format!(
                "datoer som «{example}» i kolonne «{header}» kan læses både dag-måned og måned-dag, og ingen dag over 12 afgør det; {}brug --date-order dmy (dag først) eller mdy (måned først)",
                if *needed { "ugerne regnes ud fra datoerne: " } else { "datoerne bruges ikke: " }
            ),
            (AmbiguousDates { example, needed }, Lang::En) => format!(
                "dates such as “{example}” in column “{header}” read as day-month and as month-day, and no day above 12 settles it; {}give --date-order dmy (day first) or mdy (month first)",
                if *needed { "the weeks come from the dates: " } else { "the dates are not used: " }
            ),
            (ConflictingDates { day_first, month_first, needed }, Lang::Da) => format!(
                "kolonne «{header}» har datoer med dagen først («{day_first}») og med måneden først («{month_first}»){}",
                if *needed { "" } else { "; datoerne bruges ikke" }
            ),
            (ConflictingDates { day_first, month_first, needed }, Lang::En) => format!(
                "column “{header}” has dates with the day first (“{day_first}”) and with the month first (“{month_first}”){}",
                if *needed { "" } else { "; the dates are not used" }
            ),
            (DateNotRead { value }, Lang::Da) => {
                format!("«{value}» er ikke en dato{column}; rækkens svar bruges uden dato")
            }
            (DateNotRead { value }, Lang::En) => {
                format!("“{value}” is not a date{column}; the row's answers are used without a date")
            }
            (NoWaveColumn { has_municipalities: true }, Lang::Da) => {
                "ingen rul-kolonne: alle svar står under «Alle»; giv en plan (--plan FIL) der placerer kommunerne i rul".into()
            }
            (NoWaveColumn { has_municipalities: true }, Lang::En) => {
                "no wave column: every answer is under “All”; give a plan (--plan FILE) that places the municipalities in waves".into()
            }
            (NoWaveColumn { has_municipalities: false }, Lang::Da) => {
                "ingen rul-kolonne: alle svar står under «Alle» (vælg en kolonne som Rul med --role)".into()
            }
            (NoWaveColumn { has_municipalities: false }, Lang::En) => {
                "no wave column: every answer is under “All” (choose a column as Wave with --role)".into()
            }
            (WaveFromFileName { wave }, Lang::Da) => format!(
                "ingen rul-kolonne: svarene, som ingen plan placerer, står under «{wave}», som filnavnet siger (er det forkert, så vælg en kolonne som Rul med --role eller giv en plan)"
            ),
            (WaveFromFileName { wave }, Lang::En) => format!(
                "no wave column: the answers no plan places are under “{wave}”, as the file's name says (if that is wrong, choose a column as Wave with --role or give a plan)"
            ),
            (WeeksOutsideScheme { low, high, answers }, Lang::Da) => format!(
                "{answers} svar har uge {low}-{high}, uden for udrulningens uge 1-5, og står uden fase: er det kalenderuger? Skriv udrulningens uger (1-3 klargøring, 4 og 5 prøvevalg), eller giv en datokolonne og en plan med rullenes startdatoer og {role}"
            , role = ignore_role(header, Lang::Da)),
            (WeeksOutsideScheme { low, high, answers }, Lang::En) => format!(
                "{answers} answers have week {low}-{high}, outside the rollout's weeks 1-5, and no phase: are they calendar weeks? Write the rollout's weeks (1-3 preparation, 4 and 5 test elections), or give a date column and a plan with the waves' start dates and {role}"
            , role = ignore_role(header, Lang::En)),
            (NoWeekColumn, Lang::Da) => {
                "ingen uge- eller fasekolonne: svarene har ingen fase; en plan med rullernes startdatoer (--plan FIL) giver ugerne ud fra datoerne".into()
            }
            (NoWeekColumn, Lang::En) => {
                "no week or phase column: the answers have no phase; a plan with the waves' start dates (--plan FILE) gives the weeks from the dates".into()
            }
            (NoPhaseAtAll, Lang::Da) => {
                "ingen uge-, fase- eller datokolonne: alle svar er «Uden fase»; holder en kolonne ugen, så giv --role \"KOLONNE=week\"".into()
            }
            (NoPhaseAtAll, Lang::En) => {
                "no week, phase or date column: every answer is “Uden fase” (no phase); if a column holds the week, give --role \"COLUMN=week\"".into()
            }
            (NotInPlan { municipalities, answers }, Lang::Da) => format!(
                "planen placerer ikke {}; deres {answers} svar står under «Alle»",
                quoted_list(municipalities)
            ),
            (NotInPlan { municipalities, answers }, Lang::En) => format!(
                "the plan does not place {}; their {answers} answers are under “All”",
                quoted_list(municipalities)
            ),
            (NoStartInPlan { wave }, Lang::Da) => {
                format!("planen har ingen startdato for {wave}: svarene i {wave} har ingen fase")
            }
            (NoStartInPlan { wave }, Lang::En) => {
                format!("the plan has no start date for {wave}: the answers in {wave} have no phase")
            }
            (CodesWithoutLabels { tool }, Lang::Da) => format!(
                "{} skriver svarene som koder, og der er ingen kodeliste: kodede kolonner (fx rul og uge) læses som tal på skalaen; læg labels.csv og structure.csv ved siden af filen, eller giv --labels FIL",
                tool.name()
            ),
            (CodesWithoutLabels { tool }, Lang::En) => format!(
                "{} writes answers as codes, and there is no code list: coded columns (e.g. wave and week) are read as numbers on the scale; put labels.csv and structure.csv beside the file, or give --labels FILE",
                tool.name()
            ),
            (BadCompanionFile { reason_da, .. }, Lang::Da) => reason_da.clone(),
            (BadCompanionFile { reason_en, .. }, Lang::En) => reason_en.clone(),
        }
    }
}

/// What a number outside the scale most likely is, and what to do.
fn code_outside_scale(value: &str, rows: usize, tool: Option<Tool>, header: &str, lang: Lang) -> String {
    let (da_tool, en_tool) = match tool {
        Some(Tool::SurveyXact) => (
            format!("SurveyXact koder svar som tal, og «Ved ikke» er ofte {value}"),
            format!("SurveyXact writes answers as codes, and “don't know” is often {value}"),
        ),
        Some(tool) => (
            format!("{} har skrevet svarkoder, ikke svar", tool.name()),
            format!("{} wrote answer codes, not answers", tool.name()),
        ),
        None => (
            format!("{value} er sandsynligvis koden for «Ved ikke» eller «Ikke relevant»"),
            format!("{value} is most likely the code of “don't know” or “not relevant”"),
        ),
    };
    match lang {
        Lang::Da => format!(
            "«{value}» ligger uden for skalaen 1-5 i {rows} rækker af kolonne «{header}»: {da_tool} — læg labels.csv ved siden af filen, giv --labels FIL, eller brug --dont-know {value}"
        ),
        Lang::En => format!(
            "“{value}” is outside the 1-5 scale in {rows} rows of column “{header}”: {en_tool} — put labels.csv beside the file, give --labels FILE, or use --dont-know {value}"
        ),
    }
}

fn quoted_list(items: &[String]) -> String {
    const SHOWN: usize = 5;
    let mut list: Vec<String> = items.iter().take(SHOWN).map(|m| format!("«{m}»")).collect();
    if items.len() > SHOWN {
        list.push(format!("+{}", items.len() - SHOWN));
    }
    list.join(", ")
}

/// The flag that sets a week column aside, so a plan counts the weeks from the dates.
fn ignore_role(header: &str, lang: Lang) -> String {
    let header = if header.is_empty() {
        lang.pick("Uge", "Week")
    } else {
        header
    };
    format!("--role \"{header}=ignore\"")
}

/// "1 række har" or "12 rækker har": a count with the words for one and for more.
fn counted(count: usize, one: &str, more: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {more}")
    }
}

/// Where the first of several is (the problem's line); nothing to say for one.
fn first_of_many(count: usize, words: &str) -> &str {
    if count == 1 { "" } else { words }
}
