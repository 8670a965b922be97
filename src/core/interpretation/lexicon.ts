/**
 * Shared vocabulary (folded spellings): weekdays, months, number words,
 * the keywords a typo may be corrected to, and the common words that are
 * never read as a misspelt first name.
 */

/** Weekday spellings (French, English, common abbreviations and misspellings) → ISO weekday and plural flag. */
export const WEEKDAYS: ReadonlyMap<string, { wd: number; plural: boolean }> = (() => {
  const m = new Map<string, { wd: number; plural: boolean }>();
  const add = (wd: number, singular: string[], plural: string[]): void => {
    for (const s of singular) m.set(s, { wd, plural: false });
    for (const s of plural) m.set(s, { wd, plural: true });
  };
  add(1, ['lundi', 'monday', 'lun', 'lundie', 'munday'], ['lundis', 'mondays']);
  add(2, ['mardi', 'tuesday', 'tue', 'tues', 'mardie', 'tusday', 'tuseday', 'teusday'], ['mardis', 'tuesdays']);
  add(
    3,
    ['mercredi', 'wednesday', 'wed', 'weds', 'mecredi', 'mercerdi', 'mercedi', 'merkredi', 'mercreid', 'wensday', 'wendsday', 'wedensday', 'wednsday', 'wednesay', 'wednes'],
    ['mercredis', 'wednesdays'],
  );
  add(4, ['jeudi', 'thursday', 'thu', 'thur', 'thurs', 'jeudie', 'thurday', 'thrusday', 'thursay'], ['jeudis', 'thursdays']);
  add(5, ['vendredi', 'friday', 'fri', 'vendredie', 'vendrdi', 'vendedi', 'fryday'], ['vendredis', 'fridays']);
  add(6, ['samedi', 'saturday'], ['samedis', 'saturdays']);
  add(7, ['dimanche', 'sunday'], ['dimanches', 'sundays']);
  return m;
})();

/** Month spellings → month number. "may" and "mar" are only months next to a number (checked by the date grammar). */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['janvier', 1], ['janv', 1], ['january', 1], ['jan', 1],
  ['fevrier', 2], ['fevr', 2], ['fev', 2], ['february', 2], ['feb', 2], ['febuary', 2],
  ['mars', 3], ['march', 3],
  ['avril', 4], ['avr', 4], ['april', 4], ['apr', 4],
  ['mai', 5], ['may', 5],
  ['juin', 6], ['june', 6], ['jun', 6],
  ['juillet', 7], ['juil', 7], ['july', 7], ['jul', 7],
  ['aout', 8], ['august', 8], ['aug', 8],
  ['septembre', 9], ['sept', 9], ['sep', 9], ['september', 9],
  ['octobre', 10], ['oct', 10], ['october', 10],
  ['novembre', 11], ['nov', 11], ['november', 11],
  ['decembre', 12], ['dec', 12], ['december', 12],
]);

/** Month words that are also ordinary words: months only beside a number or after "in/of/en/de". */
export const WEAK_MONTHS: ReadonlySet<string> = new Set(['may', 'march', 'jan', 'sep', 'oct', 'dec', 'jun', 'jul', 'aug', 'apr', 'feb', 'fev', 'avr']);

/** Day numbers written as words ("le premier", "quinze mars", "the first"). */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['premier', 1], ['premiere', 1], ['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['fifth', 5],
  ['sixth', 6], ['seventh', 7], ['eighth', 8], ['ninth', 9], ['tenth', 10], ['eleventh', 11], ['twelfth', 12],
  ['thirteenth', 13], ['fourteenth', 14], ['fifteenth', 15], ['sixteenth', 16], ['seventeenth', 17],
  ['eighteenth', 18], ['nineteenth', 19], ['twentieth', 20], ['thirtieth', 30],
  ['deux', 2], ['trois', 3], ['quatre', 4], ['cinq', 5], ['six', 6], ['sept', 7], ['huit', 8], ['neuf', 9],
  ['dix', 10], ['onze', 11], ['douze', 12], ['treize', 13], ['quatorze', 14], ['quinze', 15], ['seize', 16],
  ['vingt', 20], ['trente', 30],
]);

/**
 * Keywords a misspelt word may be corrected to (distance ≤ 1 up to 7
 * letters, ≤ 2 beyond): weekdays, months, service and intent words. Kept
 * short on purpose: every entry is a word parents misspell and nothing
 * ordinary lies one edit away.
 */
export const FUZZY_KEYWORDS: readonly string[] = [
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'lundis', 'mardis', 'mercredis', 'jeudis', 'vendredis',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'mondays', 'tuesdays', 'wednesdays', 'thursdays', 'fridays',
  'janvier', 'fevrier', 'avril', 'juillet', 'septembre', 'octobre', 'novembre', 'decembre',
  'january', 'february', 'september', 'october', 'november', 'december',
  'cantine', 'garderie', 'periscolaire', 'loisirs', 'accueil', 'breakfast', 'lunch',
  'demain', 'tomorrow', 'aujourdhui', 'semaine', 'prochaine', 'prochain', 'vacances',
  'annule', 'annuler', 'annulez', 'inscris', 'inscrire', 'inscrivez', 'reserver', 'reservez', 'cancel',
  'absent', 'absente', 'malade',
];

/**
 * Common French and English words (folded). A word listed here, or used by
 * any phrase of the grammar, is never read as a misspelt first name or
 * corrected to a keyword ("ton" is not Tom, "les" is not Léo, "elle" is not Ella).
 */
export const COMMON_WORDS: ReadonlySet<string> = new Set(
  `a au aux avec ce ces cet cette celle celui ceux chez comme dans de des du elle elles en et eux il ils je la le les leur leurs lui ma mais me meme mes moi mon ne ni nos notre nous on ou par pas pour qu que qui sa sans se ses si son sur ta te tes toi ton tous tout toute toutes tu un une vos votre vous y
  ai as avait avez avons est etait etre ete fait faire font sont suis sera seront serait va vais vont ira iront irai aller allez vient viens viennent venir viendra
  bon bonne bien mal non oui merci bonjour bonsoir salut coucou hello hi hey bye ciao bises bisous cordialement svp stp please thanks thank
  chien chat maison ecole classe jour jours nuit heure heures fois ans an mois annee semaine semaines temps matin soir midi
  mari femme papa maman mamie papi papy mami mere pere soeur frere fils fille fils filles enfant enfants garcon garcons bebe nounou tata tonton
  tot tard deja encore aussi alors donc puis car quand comment pourquoi combien quel quelle quels quelles ici la voila voici
  ok okay top super cool lol mdr
  the a an and or but not no yes is are was were be been am will would can could should shall may might must do does did done have has had
  to of in on at by for from with without into onto as it its this that these those there here he she him her his hers they them their we us our you your i me my mine
  all any both each every some none one two three four five six seven eight nine ten
  day days week weeks month year time today tonight morning evening night noon
  son daughter kid kids child children boy boys girl girls mum mom mummy dad daddy granny grandma grandpa nanny
  go goes going went come comes coming came get got make made take took see saw know want need needs like just also only very too so then than now well sure
  dear regards best cheers sorry note same name names
  either neither everything nothing anything something everyone someone anyone nobody rien quelque chose personne chacun chacune
  suite present presente presents presentes raison raisons motif motifs imprevu imprevus familial familiale familiales personnel personnelle
  arrive arrivera arrivent arriver chercher cherche revient reviendra revenir reviennent retour mieux moins plus beaucoup peu trop
  longer anymore already still again back home house work job travail boulot bureau rendez medical medicale
  lui elle nous vous eux moi toi ceci cela ca celui celle cette ces voici voila bref enfin ensuite apres avant pendant depuis
  normal normalement habituel habituellement comme prevu possible impossible urgent urgence important merci svp desole desolee
  madame monsieur mme mr mlle mrs ms miss sir bonjour bonsoir hello
  aucun aucune juste seulement finalement exceptionnellement exceptionnel exceptionnelle rectification correction rappel rebonjour re pareil idem egalement inscription inscriptions reservation reservations annulation annulations demande besoin info infos urgente extra
  remember remembers remembered member members famille familles family families voyage voyages vacances trimestre
  salade salades balade balades launch bunch domain`.split(/\s+/),
);

/** Words that take a value said before back: "scratch Friday", "forget the Friday", "oubliez le vendredi". */
export const TAKE_BACK_WORDS: ReadonlySet<string> = new Set(['scratch', 'forget', 'drop', 'oubliez', 'oublie', 'oublions']);
