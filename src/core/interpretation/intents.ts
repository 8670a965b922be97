/**
 * What a clause asks for: the cue words (orders and wishes, cancellations,
 * absences, negations, questions about bookings or about the service,
 * politeness) and the rule that turns them into one intent.
 */
import type { Intent } from './types.js';
import { isSentenceEnd, type Token } from './normalize.js';
import { PhraseSet } from './phrases.js';
import { WEEKDAYS } from './lexicon.js';

/** The kinds of cue words that decide a clause's intent. */
export type CueKind =
  | 'bookStrong' // an order or a wish to book: "inscris", "réservez", "book", "sign up"
  | 'book' // a verb that books when nothing else is said: "ira", "mangera", "needs"
  | 'cancelStrong' // "annule", "enlever", "cancel"
  | 'cancelPast' // "annulé(e)": a cancellation, or in a question a check that it was done
  | 'absence' // "à la maison", "chez sa grand-mère", "picked up early": the child is not there
  | 'illness' // "absent", "malade", "off sick", "rdv chez le médecin": an absence the family reports (the assistant records it as one)
  | 'listStrong' // asks what is booked: "prévu", "récapitulatif", "what's booked"
  | 'listWeak' // "réservations", "est inscrit": a list unless an order is given
  | 'listNoun' // "liste", "planning": a list unless an order is given ("retirez-le de la liste")
  | 'helpStrong' // a question about the service itself: "comment", "combien", "menu", "how"
  | 'helpQuestion' // about the service only in a question: "ouvert", "open", "horaires"
  | 'helpGeneral' // a general question when no child is named: "y a-t-il", "is there", "quand", "when"
  | 'ability' // "puis-je", "can I": a question about the service when nothing is named
  | 'helpWeak' // "aide", "help", "renseignement": help when no child and no date is named
  | 'request' // politeness of an order: "pouvez-vous", "merci de", "please", "can you"
  | 'greeting' // "bonjour", "merci", "cordialement"
  | 'thanksFor' // "merci pour votre réponse d'hier", "thanks for the lovely trip": what they thank for asks nothing
  | 'same' // "aussi", "non plus", "too": same request again
  | 'correction' // "euh non", "pardon", "I mean"
  | 'topic' // "je vous écris au sujet de la cantine", "concernant", "regarding": the subject of the message, no request
  | 'retraction' // "je plaisante", "c'est une blague", "just kidding": what was just said is taken back
  | 'negation' // "ne … pas", "pas de", "won't", "no lunch"
  | 'neutral' // looks like a cue but is not ("pas de souci", "no problem", "drop off")
  | 'later' // what the parent will tell later ("I'll tell you which one later", "je vous dirai lequel"): asks nothing
  | 'undecided' // "on verra", "je ne sais pas encore", "we'll see": what its piece names is not decided yet
  | 'unchanged' // "rien ne change", "rien à changer pour lui": nothing changes for what it, or the absence just before it, names
  | 'inability' // "je ne pourrai pas", "I can't", "personne ne pourra": what the writer cannot do, a reason given; read as 'neutral'
  | 'already' // "il est déjà inscrit tous les jours", "she already has lunch there": what is so already, no request
  | 'attempt' // "j'ai essayé d'inscrire", "I tried to book": what the parent did; a booking becomes a check of it
  | 'plan'; // "devait aller", "was supposed to": what was planned before a change, no booking

/** A cue found in the text, over tokens [start, end). */
export interface CueTag {
  kind: CueKind;
  start: number;
  end: number;
  /**
   * A yes or a no said beside a weekday, in a sentence that has both: the side its day is on
   * ("lundi oui, mardi non": before; "oui lundi, non mardi": after).
   */
  polar?: 'before' | 'after';
}

const CUES = new PhraseSet<CueKind>([
  // Not what they look like.
  ['pas de|d souci|soucis|probleme|problemes, sans souci|soucis|probleme, pas encore, ne hesitez|hesite|hesitez pas', 'neutral'],
  // "ce n'est pas pour ça que je vous écris", "ce n'est pas un poisson d'avril",
  // "elles n'y mangent pas d'habitude": a fact denied, or a habit told, cancels nothing.
  ['ce ne? est|etait pas pour ca|cela, ce ne? est|etait pas un|une|grave, pas de habitude, pas habituellement', 'neutral'],
  ['pas mal, pourquoi pas, non merci, no problem|problems|worries|worry, not sure, if not, or not, not only, no thanks', 'neutral'],
  ['ne oublie|oubliez|oublies|oublions pas, do not|dont forget, n oubliez pas, pensez|pense a', 'neutral'],
  ['drop off, dropoff, ne sais|savais|comprends|comprend pas', 'neutral'],
  // "annuler tout ce qui était prévu pour elle": what is booked, the object of the order, no list.
  ['annuler|annulez|annule|annules tout? ce qui est|etait|sont|etaient prevu|prevue|prevus|prevues|reserve|reservee|reserves|reservees', 'cancelStrong'],
  ['annuler|annulez|annule|annules tout? ce qui avait|a ete prevu|prevue|prevus|prevues|reserve|reservee|reserves|reservees', 'cancelStrong'],
  // "inscrivez-la quand même, on sait jamais", "just in case, you never know": a saying, no cancellation.
  ['on ne? sait|saura jamais, sait on jamais, you never know, one never knows', 'neutral'],
  // "mercredi prochain, pas celui-là", "il n'est pas encore inscrit": no cancellation in them.
  // "Chloé devait aller au centre mercredi mais …", "was supposed to": a plan that changed, no booking.
  ['devait|devaient|devrait aller|venir|manger|etre, etait|etaient cense|censee|censes|censees, was|were supposed|meant to', 'plan'],
  // "le rdv est annulé", "the trip was cancelled": something else than a booking was called off.
  ['rdv|sortie|cours|match|voyage|spectacle|appointment|trip|class est|a|was|has ete|been? annule|annulee|reporte|reportee|decale|decalee|deplace|deplacee|cancelled|canceled|postponed|moved, rendez vous est|a ete? annule|annulee|reporte|reportee|decale|decalee|deplace|deplacee', 'neutral'],
  // "est-ce que Tom a bien mangé ce midi ?", "did Ella eat her lunch?": how it went, a question to the town.
  ['a|as bien? mange|dejeune|goute, did|has he|she eat|eaten', 'helpQuestion'],
  ['pour info|infos|information, pour votre information, fyi, for info|information, for your information, just so you know', 'neutral'],
  ['pas celui|celle la|ci, not that one|day, pas encore inscrit|inscrite|inscrits|inscrites|reserve|reservee', 'neutral'],
  // "elle ne mange pas de viande", "he doesn't eat pork": what the child eats, a question of diet.
  ['mange|mangent|manger pas|plus de? viande|porc|poisson|legumes|oeufs|lait, eat|eats no|any? meat|pork|fish|eggs|dairy', 'helpStrong'],
  // "Jules sera chez moi la première semaine", "with me": where the writer has the child, no absence.
  ['chez moi, with me', 'neutral'],
  // "Petit changement d'organisation chez nous pour la rentrée": the family's home, in news of it, no absence.
  ['organisation|changement|changements|nouveaute|nouveautes|nouvelles|ambiance|rythme chez nous|moi, emploi du temps chez nous|moi', 'neutral'],
  // "Anouk mangera chez moi mardi", "ils déjeunent chez nous": the child eats at home, no canteen then.
  ['mange|mangera|mangeront|mangent|manger|dejeune|dejeunera|dejeuneront|dejeunent|dejeuner chez moi|nous', 'absence'],
  // "Je suis absente du bureau jusqu'au 4 janvier" (an out-of-office reply), "I am out of the office": the writer's absence.
  ['je suis|serai absent|absente, absent|absente du bureau, out of the|my office, i am|m out of office|the office', 'neutral'],
  // "je commence à 7h45 à l'hôpital", "I work at the hospital": the writer's workplace, no absence of the child.
  ['travaille|commence|bosse|finis|termine a le hopital|clinique, travaille|commence|bosse|finis|termine a h a le hopital|clinique, work|works|working|start|finish at the hospital', 'neutral'],
  // "I have early shifts at the hospital", "je suis de garde à l'hôpital": the writer's work, no absence of the child.
  ['shift|shifts|nights|nightshift|nightshifts|duty at the hospital|clinic, de garde a le hopital|clinique, garde|gardes|poste a le hopital', 'neutral'],
  // "j'ai mes rendez-vous", "I have an appointment": the writer's own, no absence of the child.
  ['je ai mes|mon|un|nos rendez vous, je ai mes|mon|un|nos rdv, je ai rendez vous, mes|nos rendez vous, mes|nos rdv, i have|ve an|my appointment|appointments', 'neutral'],
  // "Autrement tout va bien, elle est ravie de l'accueil du soir": news of the child; like what is not
  // decided yet, what its piece names asks nothing (the rest of the message stands).
  ['tout va bien, ca va bien|mieux, va mieux, est|sont ravi|ravie|ravis|ravies|contente|content|contents|contentes|enchantee|enchante de|du|des', 'undecided'],
  // "Sacha n'aime pas du tout le poisson": a taste told, no cancellation.
  ['aime|aiment|aimait|adore|apprecie|supporte pas|plus du? tout?', 'neutral'],
  // "Le repas de ce midi a vraiment plu à Alba", "elle a adoré la cantine": how something went, in the past; what
  // its piece names asks nothing.
  ['a|ont|avait|avaient beaucoup|vraiment|bien|tellement|enormement|trop? plu|adore|aime|apprecie|deteste, loved|enjoyed|liked|hated the|her|his|their', 'undecided'],
  // "elle n'arrête pas d'en parler": she keeps on, no negation of anything.
  ['arrete|arretent|arretait|arretaient pas de|d', 'neutral'],
  ['pas du tout', 'negation'],
  ['prevenir|prevenez|previens|informer|informez|signaler|signalez|notify|inform', 'neutral'],
  // What the parent will tell later ("I'll tell you which one later", "je vous dirai lequel"): a promise, no question.
  ['i|we will|shall tell|confirm|text|email|message you? which|what|when|if|whether|later one|ones|day|days|later?, i|we will|shall let you know which|what|when|if|whether|later one|ones|day|days|later?', 'later'],
  ['je|j|on|nous vous|te dirai|dirons|dira|redirai|confirmerai|confirmerons|confirme|confirmons|indiquerai|preciserai lequel|laquelle|lesquels|lesquelles|quel|quels|quelle|quelles|quand|si|plus jour|jours|tard?', 'later'],
  // What the writer does not remember ("can't remember if I did lunch for both", "je ne sais plus si …"): no cancellation.
  ['can not remember|recall, cannot|cant|dont remember|recall, don t remember|recall, je? ne sais|souviens plus, je? ne me souviens plus|pas, je sais plus, je me souviens plus', 'neutral'],
  // "Violette restera peut-être à la maison", "I might be late tonight", "wondering what to do with Ella": not decided.
  ['peut etre, peutetre, maybe, perhaps, might be|have|need|come|go|stay, wondering, je me demande|demandais', 'undecided'],
  // "If she's not better tomorrow morning …", "si elle ne va pas mieux …": a condition, nothing decided yet.
  ['if he|she|they is|s|are not|isn|aren, if he|she|they is|s|are still, si il|elle|ils|elles ne va|vont|est|sont pas mieux, si elle|il|ils|elles est|sont|va|vont toujours, si jamais', 'undecided'],
  // "nous sommes en vacances mais j'en profite": the writer's holidays, now; no absence of the child.
  ['nous sommes en vacances|conges, on est en vacances|conges, je suis en vacances|conges, we are|re on holiday|vacation', 'neutral'],
  // "le repas de ce midi c'était pas terrible": how it was; what its piece names asks nothing.
  ['ce etait pas|plus terrible|top|bon|bonne|fameux|genial|chaud|assez, etait|etaient pas|plus terrible|top|bon|bonne|fameux|genial|chaud|assez, wasn t great|good|nice|warm, was not great|good|nice|warm', 'undecided'],
  // "Kylian a été noté absent à la cantine alors qu'il y a bien mangé": a record to check, a question to staff.
  ['a|ont ete note|notee|notes|marque|marquee|marques|compte|comptee|pointe|pointee absent|absente|absents|present|presente, was|were marked|recorded absent|present', 'helpStrong'],
  // "un bracelet qui n'est pas à lui": whose a thing is, no negation of a request.
  ['ne est|sont pas a lui|elle|eux|elles|moi|nous|vous, is not his|hers|theirs|mine|ours, isn t his|hers|theirs|mine|ours', 'neutral'],
  // "est-ce qu'elle peut arriver vers 11h ?", "can he leave early?": when a child may come or go, a question of rules.
  ['peut|peuvent|pourra|pourrait|pourront arriver|partir, can|could he|she|they arrive|leave late|later|early|earlier|at', 'helpStrong'],
  // "Il faut vous écrire à chaque fois ?": what one must do, a question of rules.
  ['faut il, il faut vous|me|nous|le|la|les|prevenir|ecrire|reserver|inscrire|payer|remplir|fournir|apporter|envoyer|donner', 'helpGeneral'],
  // "et mercredi c'est férié donc rien": nothing asked for a closed day, no cancellation of the rest.
  ['ferie|feriee|ferme|fermee|vacances|holiday|closed donc|alors|so rien|nothing, ferie|feriee|ferme|fermee de|d? toute|toutes facon|facons', 'neutral'],
  // "Lina ne sera pas absente vendredi finalement": no absence, no cancellation (the request after it says what to do).
  ['ne sera|seront|serait|est|sont pas absent|absente|absents|absentes|malade|malades, will not be absent|away|off, won t be absent|away|off', 'neutral'],
  // "It's not that he doesn't like it", "ce n'est pas qu'il n'aime pas": what is not the reason, no cancellation.
  ['it is not that, it s not that, ce ne est pas que|qu', 'neutral'],
  // "It's not that Esteban doesn't like the club": a taste told, no cancellation.
  ['doesn t like|love|enjoy|mind, don t like|love|enjoy|mind, does|do not like|love|enjoy|mind', 'neutral'],
  // "Le centre accepte les enfants de maternelle ?": who is admitted, a question of rules.
  ['accepte|acceptent|acceptez|accepter, accept|accepts|admit|admits', 'helpStrong'],
  // "La cantine sera-t-elle assurée le jour de la grève ?": whether a service runs, a question to the town.
  ['assure|assuree|assures|assurees|maintenu|maintenue', 'helpQuestion'],
  // "Ambre rentre manger à la maison toute la semaine comme d'hab": as usual, no request.
  ['comme de hab, comme d hab', 'unchanged'],
  // "is there a discount for siblings?": a price question.
  ['discount, discounts, reduction, reductions, tarif reduit|degressif', 'helpStrong'],
  // Not decided yet ("pour la cantine on verra demain", "pour vendredi je ne sais pas encore", "we'll see about lunch").
  ['on|nous verra|verrons, je? ne sais pas encore, pas encore decide|decidee|sur|sure, we will|ll see, not sure yet, not decided yet', 'undecided'],
  ['je|nous vous|te redirai|redirons|redis|redit|redisons|recontacterai|recontacterons, je|nous vous|te tiendrai|tiendrons|tiens|tenons au courant, i|we will|ll confirm later', 'undecided'],
  // "Je les garde jeudi soir", "on le garde à la maison": the family minds the child then, an absence.
  ['je|j|on|nous les|le|la|l garde|garderai|gardons|garderons', 'absence'],
  // "keeping him home today", "we're keeping her off school".
  ['keep|keeping|kept|keeps him|her|them at? home, keep|keeping|kept|keeps him|her|them off school?', 'absence'],
  ['has|have|got|caught|with a|the bad|nasty|heavy|horrible|terrible|little|slight|stinking|streaming cold|temperature|bug|virus|cough|fever', 'illness'],
  // "Je ne peux pas les récupérer avant 18h", "je n'aurai pas le temps de rentrer le midi", "I won't be able to
  // collect him": what the writer cannot do is the reason of a request, never a cancellation of the child's.
  ['je|j ne? peux|pourrai|pourrais|pourrait|pouvais pas|plus, je|j ne? aurai|ai|aurais|avais pas le temps, personne ne peut|pourra|pourrait|sera|pourrons, i can|could not, i will|would not be able, i am|m not able, i cannot, nobody can|could|will, no one can|could|will', 'inability'],
  // "Elle me demande tous les soirs si elle retourne au centre", "he keeps asking if …": a question reported, nothing asked of the town.
  ['il|elle|ils|elles me|nous demande|demandent|demandait|demandaient, he|she|they keeps|keep|kept asking, he|she|they asks|asked|ask me|us', 'undecided'],
  // "Hugo me demande s'il peut aller au centre mercredi", "sa sœur lui a dit qu'il y aurait des frites", "Jack asked me if he
  // could stay": what a child asks or says, reported; nothing asked of the town ("je me demande si …" is the writer's own question).
  ['me|nous demande|demandent|demandait|demandaient d? ailleurs? si|s|se, m|me|nous a|ont|avait demande d? ailleurs? si|s|se, lui|leur|m|me|nous a|ont|avait aussi? dit|raconte que|qu', 'undecided'],
  ['voulait|veut|voudrait|aimerait savoir si|s|se, wanted|wants me to tell you, voulait|veut|voudrait|aimerait que je vous dise|dire', 'undecided'],
  // "je crains d'avoir annulé un jour par erreur": what the writer may have done, no request.
  ['de|d avoir annule|reserve|inscrit|oublie|supprime, to have cancelled|booked', 'neutral'],
  // "je ne m'inquiète pas trop", "je ne m'en souviens plus": a feeling or a memory of the writer's, no cancellation.
  ['je|j ne me|m en? inquiete|souviens|rappelle|plains|etonne pas|plus, i am|m not worried, i do not remember', 'neutral'],
  // "donc rien à prévoir de ce côté-là", "nothing to book for them": nothing asked.
  ['rien a prevoir|reserver|signaler|ajouter, nothing to book|plan|add', 'unchanged'],
  // "Il s'agit de Jules, pardon de ne pas l'avoir précisé", "sorry for not saying": what the writer did not do, no cancellation.
  ['de|d ne pas le|la|les|l|en|vous? avoir|etre, sorry|apologies for not', 'neutral'],
  ['asked|asks|asking me|us if|whether, wants|wanted to know if|whether', 'undecided'],
  // "Pardon, je pensais à ma nièce qui est chez nous", "I was thinking of my niece": who the parent had in mind, no request.
  ['je|j pensais|confondais a|au|avec, i was thinking of|about, i confused|mixed up', 'undecided'],
  ['je me demande|demandais, i wonder|wondered, as i said|mentioned|wrote', 'neutral'],
  // "ah non c'est Arthur qui y va", "it's Tom who goes": who the request is for, said again; no verb of its own.
  ['qui y|en va|vont|ira|iront|vient|viennent|viendra|viendront|mange|mangent|mangera|mangeront, qui en a|ont|aura|auront besoin, who goes|is going|will go|needs it', 'neutral'],
  // "c'est elle qui garde Noé d'habitude": who minds the child, nothing asked.
  ['qui les|le|la|l garde|gardait', 'undecided'],
  ['rien a changer|modifier, nothing to change, rien ne change|changera, ne change|changera rien, nothing changes, nothing will change, no change|changes, pas de changement|changements, does not change anything', 'unchanged'],
  // "Jules, lui, continue comme prévu", "Noah va à l'école normalement", "Ethan's bookings stay the same",
  // "Lina n'en a pas besoin", "inutile pour lui": a child the request leaves as it is.
  ['continue|continuent|continuera|continueront comme prevu|avant|normalement|habituellement, continue|continuent|continuera comme de habitude, ne changez|modifiez|touchez rien',  'unchanged'],
  // "Tom, lui, continue de rentrer déjeuner avec sa nounou": what goes on as it did, no request.
  ['continue|continuent|continuera|continueront de|d|a', 'unchanged'],
  // "iront à l'étude comme d'habitude", "as usual": what goes on as it is, no request.
  ['comme de habitude|toujours|prevu, comme prevu|toujours|convenu, as usual|normal|always|planned', 'unchanged'],
  // "His lunch booking stays as it is", "sa cantine reste inchangée", "stays the same": a booking left as it is.
  ['reste|restent|restera|resteront inchange|inchangee|inchanges|inchangees', 'unchanged'],
  ['stays|stay|remains|remain as it|they is|are, stays|stay|remains|remain|is unchanged, stays|stay|remains|remain the same, reste|restent|restera|resteront tel|telle|tels|telles quel|quelle|quels|quelles, reste|restent|restera|resteront la|le meme|memes, ne change|changera pas', 'unchanged'],
  // "Adam n'a besoin de rien cette semaine", "donc pas besoin pour elle", "needs nothing": no request for that child.
  ['ne a|ont|aura|auront besoin de rien, pas besoin pour lui|elle|eux|elles, pas besoin ce|ces jour|jours la?, needs|need nothing, does|do not need anything', 'unchanged'],
  // "Rien de spécial, je voulais juste vous remercier", "nothing special": no request, no cancellation.
  ['rien de special|particulier|grave, nothing special|serious|urgent', 'neutral'],
  // "C'est possible d'inscrire un enfant qui n'habite pas la commune ?": a question whether it can be done.
  ['ce est|serait possible de|d, est ce possible de|d, serait il possible de|d', 'ability'],
  // "The girls are fine", "les autres vont bien": news of children, no request.
  ['is|are fine|okay|ok|alright, is|are all right', 'already'],
  // "Please cancel whatever she has booked", "cancel everything he's booked for": what is booked, the object of the order.
  ['cancel|cancelling whatever|everything|anything he|she|they has|have|is|are|s|ve booked|got, cancel|cancelling all|everything of? his|her|their bookings', 'cancelStrong'],
  ['deja, already', 'already'],
  ['va|vont|ira|iront a le ecole normalement, va|vont|ira|iront normalement, stay|stays|remain|remains the same|unchanged, carries|carry|carry on as normal|usual, ne en a|ont|aura|auront pas besoin, inutile pour lui|elle|eux|elles', 'unchanged'],
  ['j ai essaye|tente de|d, je ai essaye|tente de|d, i|we tried|attempted to, i|we have tried|attempted to', 'attempt'],
  // Help.
  ['comment, combien, pourquoi, a quelle heure, quelle|quelles heure|heures, horaire|horaires, tarif|tarifs|prix', 'helpStrong'],
  // "suite à un changement de mes horaires de travail", "my work hours": the writer's hours, the reason of a request.
  ['mes|mon|nos|ses|son|leurs|leur horaire|horaires, horaire|horaires de travail|boulot|bureau|garde|nuit, my|our work|working hours|schedule|shifts', 'neutral'],
  ['payant|payante|payants|payantes|gratuit|gratuite|gratuits|free|charge|charged', 'helpStrong'],
  ['cout|couts|coute|coutent|~factur|payer|paie|paye|paient|paiement|paiements|reglement|regler|cheque|cheques', 'helpStrong'],
  ['menu|menus, mot de passe, identifiant|identifiants, how, why, where, what time, how much', 'helpStrong'],
  ['vegetarien|vegetarienne|vegetariens|vegetariennes|vegetalien|vegetalienne|vegetarian|vegan|porc|pork|halal|casher|kosher|gluten, sans viande|porc, without meat|pork', 'helpStrong'],
  ['allergie|allergies|allergique|allergiques|allergy|allergic|regime|regimes|dietary|diet|bio|organic|pai', 'helpStrong'],
  ['que|quoi mange|mangent|mangeront|mangera, what is for lunch|dinner|breakfast, what are they eating', 'helpStrong'],
  ['cost|costs|price|prices|fee|fees|pay|paying|payment|payments|invoice|invoices|bill|bills|password|login', 'helpStrong'],
  ['ouvert|ouverte|ouverts|ouvertes|ouvre|ouvrent|ferme|fermee|fermees|ferment|fermeture|ouverture|ferie|feriee|feries|feriees', 'helpQuestion'],
  ['open|opens|close|closes|closed|closing, opening hours, hours, adresse, address, email, mail', 'helpQuestion'],
  ['fonctionne|fonctionnent|fonctionnera|fonctionnez|propose|proposez|proposent|offer|offers|provide|provides|serve|serves|servi|servis|servie', 'helpQuestion'],
  ['y a t il, il y a, est ce que il y a, is|are there, will there be, quand, when', 'helpGeneral'],
  ['do|does i|we|you|one need|have to, is it necessary|compulsory|mandatory', 'helpGeneral'],
  // "should I give them one?": what the family must do, a question of rules.
  ['should|must i|we', 'helpGeneral'],
  ['dois je|on, doit on, devons nous, faut il, est ce que il faut, est ce que je|on|nous dois|doit|devons|devrais', 'helpStrong'],
  ['puis je, je peux, peut on, on peut, est il possible, can|could i|we, is it possible', 'ability'],
  // "c'est normal ?", "est-ce grave ?", "is it normal?": asking the town what to make of something.
  ['est|ce normal|normale|grave|inquietant, is it normal|serious|ok', 'helpStrong'],
  ['trop tard, too late, deadline|deadlines|delai|delais, avant quelle heure, by when, how late, how early', 'helpStrong'],
  ['je|on|nous ne arrive|arrivons|parviens pas, ne marche|fonctionne pas, does|is not work|working, can not log, je|j ai un probleme', 'helpStrong'],
  ['aide|help|assistance|question|questions|info|infos|information|informations|renseignement|renseignements', 'helpWeak'],
  ['besoin de|d aide, fonctionnement|utiliser|use|works|explique|expliquer|explain|contacter|joindre', 'helpWeak'],
  // Greetings and politeness.
  ['comment allez|vas vous|tu?, comment ca va, how are you, ca va', 'greeting'],
  ['bonjour|bonsoir|salut|coucou|hello|hi|hey|merci|thanks|cordialement|regards|cheers|bises|bisous|dear|madame|monsieur', 'greeting'],
  ['thank you, bonne|belle journee|soiree|fin|semaine|vacances|continuation|fete|fetes, bonnes vacances|fetes', 'greeting'],
  ['have a nice|good day|week|weekend, merci beaucoup|bien, many thanks', 'greeting'],
  ['merci beaucoup? de|par avance, merci encore, thanks|thank you in advance', 'greeting'],
  ['merci beaucoup? pour, remercier|remercie|remercions|remerciant pour|de|d? le|la|les|votre|vos|ton|ta, thanks|thank you for', 'thanksFor'],
  ['merci infiniment|encore pour, merci mille fois pour, thanks|thank you so|very much|again for, many|big thanks for', 'thanksFor'],
  // "merci pour votre aide", "thanks so much for your help": a closing, no question about the service.
  ['merci beaucoup|infiniment|encore? pour|de votre|ton aide|patience|reponse, merci mille fois pour votre aide', 'thanksFor'],
  ['thank you so|very? much? for all? your|all help|patience|reply|support, thanks so? much? for all? your|all help|patience|reply|support, many|big thanks for all? your help', 'thanksFor'],
  // "Just wanted to say a massive thank you to the staff", "un grand merci à toute l'équipe": thanks, whatever follows.
  ['massive|huge|big|grand|immense thank|thanks|merci you? to|a|au|aux', 'thanksFor'],
  // Wishes to the team ("Bonne année à toute l'équipe du périscolaire !", "Merry Christmas to the canteen staff") ask nothing.
  ['joyeuses fetes a|au|aux, plein de bonnes choses a|au|aux, bonne annee|rentree a|au|aux, meilleurs voeux a|au|aux, joyeux noel|fetes a|au|aux, bonnes fetes|vacances a|au|aux, happy new year|holidays|christmas to, merry christmas to', 'thanksFor'],
  ['bonne annee, meilleurs|tous mes|nos voeux, joyeux noel, bonnes fetes, happy new year|holidays, merry christmas, seasons greetings', 'greeting'],
  ['pouvez|pourriez|pourrais|pourrait|peux|peut|pouvons|pourrions, puis je, possible, merci de, se il vous|te plait', 'request'],
  ['svp|stp|please|can|could|would|may, je|j voudrais|souhaite|souhaiterais|aimerais, i|we would like', 'request'],
  // Same again.
  ['aussi|egalement|idem|pareil|too|instead, non plus, also, as well, de meme, meme chose, a la place, au lieu de, a sa|leur place, in his|her|their place', 'same'],
  // Self-corrections.
  ['euh|heu|euhh|heuu|hum non?, non pardon, pardon, enfin non, je veux|voulais dire, ou plutot, plutot', 'correction'],
  ['ah|oh|ha non|pardon|zut|mince, non non, attendez|attends non?', 'correction'],
  // "Jade et Tom jeudi, non en fait juste Jade": a change of mind said with "en fait" or "finalement".
  ['non en fait|finalement, en fait non, finalement non, ah|oh en fait', 'correction'],
  ['oups|oops|correction|rectification|erratum|sorry, i mean|meant, no wait, wait, actually, my mistake', 'correction'],
  ['je me suis trompe|trompee, je rectifie|corrige, rectifie|rectifions|corrige|corrigeons', 'correction'],
  // The subject of the message.
  ['au sujet de|du|des|d, concernant, a propos de|du|des|d, regarding, with regard|regards|respect to, objet', 'topic'],
  // Taking back what was just said.
  ['je|j plaisante|plaisantais|rigole|rigolais|blague|blaguais|deconne|deconnais|taquine, ce est|etait pour rire|rire|blaguer|plaisanter', 'retraction'],
  // "… ah non oubliez ce message", "ignore my last text": the request before is taken back.
  ['oubliez|oublie|ignorez|ignore ce|mon|le message|mail|sms|texto|courriel, oubliez|oublie|ignorez|ignore ma demande, forget|ignore this|that|my message|text|email|request, laissez tomber, forget it', 'retraction'],
  ['ce est|etait une blague|plaisanterie, je vous|te taquine|fais marcher, pour rire, just|only kidding|joking, jk, jking, kidding, i am|was kidding|joking', 'retraction'],
  // Lists.
  ['prevu|prevue|prevus|prevues|~recap|voir|consulter|verifier|lister', 'listStrong'],
  ['programme|programmes|planning|plannings|liste|listes|list|schedule|schedules|calendrier', 'listNoun'],
  ['did|have|has i|we|you|he|she book|booked|sign|signed|register|registered|put|enrol|enroll|enrolled|reserve|reserved|cancel|cancelled|canceled', 'listStrong'],
  ['quels|quel jours|jour, dites|dis|dire|indiquer|indiquez|confirmer|confirmez moi? si, savoir si', 'listStrong'],
  ['je? ne sais|sais plus|pas si, je me demande si, what is booked|planned|on|scheduled, booked|planned|scheduled', 'listStrong'],
  ['send|show|tell me, check if|whether, which days?, confirm if|whether, remind|reminder me|us?', 'listStrong'],
  ['rappelez|rappeler|rappelle|rappelles|rappellez moi|nous, me|nous rappeler|rappelez|rappelle, un rappel|recapitulatif de|des', 'listStrong'],
  ['let me know what|if|whether, what does|has|have, dites|dis moi ce que|qui, ce que|qui est prevu', 'listStrong'],
  ['reservations|inscriptions|bookings|inscrit|inscrite|inscrits|inscrites|reserves|reservees, down for', 'listWeak'],
  // Cancellations and absences.
  ['~annul, ~desinscri, ~desincri, enleve|enlever|enlevez|retire|retirer|retirez|supprime|supprimer|supprimez', 'cancelStrong'],
  ['decommande|decommander|decommandez|decoche|decocher|suppression', 'cancelStrong'],
  ['cancel|cancels|cancelled|canceled|cancelling|cancellation|remove|delete|unbook|withdraw', 'cancelStrong'],
  ['absent|absente|absents|absentes|absence|absences|malade|malades|fievre|~hospitalis|sick|ill|unwell|poorly', 'illness'],
  ['souffrant|souffrante|souffrants|souffrantes|grippe|grippee|gastro|varicelle|angine|otite|covid|enrhume|enrhumee|flu|chickenpox|fever', 'illness'],
  ['rhume|rhume|fievreux|fievreuse|vomi|vomit|vomissements|conjonctivite|bronchite|rhinopharyngite|poux|blesse|blessee|platre', 'illness'],
  ['has|have|got|caught|with a|the cold|temperature|bug|virus|cough|tummy|stomach, running a temperature|fever|high|temp, has|with|got a? temp', 'illness'],
  ['throwing up, been sick, under the weather, not feeling|doing well|great|good, feeling unwell|ill|sick|poorly|rough, tummy|stomach ache|bug|upset', 'illness'],
  ['vomiting, diarrhoea|diarrhea, ear infection, conjunctivitis, tonsillitis, strep throat, headlice|nits, covid|coronavirus, injured, broken arm|leg|wrist', 'illness'],
  ['stay|stays|staying|kept|keep|keeping at? home, home sick|ill, off school|sick, sick day', 'illness'],
  ['classe|classes de|d? verte|vertes|decouverte|neige|mer|transplantee, sortie|voyage scolaire, school|field|residential trip', 'absence'],
  // "Eden sera en stage de foot la semaine du 15": away on a course, no booking.
  ['sera|seront|est|sont|serai en stage|colonie|colo|camp', 'absence'],
  ['rendez vous, rdv|appointment|appt|dentiste|dentist|docteur|doctor|medecin|pediatre|orthodontiste|orthophoniste|ortho|hopital|hospital|urgences', 'illness'],
  ['manque|manquera|manqueront|manquer|manquent|manquerai|rate|ratera|miss|misses|missing|skip|skips|skipping', 'absence'],
  ['a|au la? maison, chez, off sick|school, off, away, at home, stay|stays|staying home', 'absence'],
  ['go|goes|going|come|comes|coming|went home', 'absence'],
  ['reste|restera|restent|resteront|rester|gardee|garde avec|chez, en voyage|vacances', 'absence'],
  // "elle mangera avec moi après", "il déjeune chez sa mamie": a meal elsewhere.
  ['mange|mangera|mangent|mangeront|dejeune|dejeunera|dejeuneront avec moi|nous|sa|son|ses|mamie|papi|maman|papa|eux', 'absence'],
  ['part|partira|partons|partent|pars en vacances|voyage|weekend|week', 'absence'],
  // "as I'll have to leave early", "je dois partir plus tôt": the writer leaves early, not the child.
  ['i|we have|need|got to leave early, i|we will|ll|must|should have? to? leave early, i|we am|are|m|re leaving early, i|we leave early', 'neutral'],
  ['je|j|on|nous dois|doit|devons|devrai|devrons|vais|va|allons partir plus tot, je|j|on|nous pars|part|partons|partirai|partira plus tot', 'neutral'],
  ['picked|pick|collected|leaving|leaves|leave up? early, recupere|recuperee|recuperes|recuperees|recuperer|part|partira|sortira plus tot', 'absence'],
  // Bookings.
  ['ajoute|ajouter|ajoutez|rajoute|rajouter|rajoutez|mets|mettre|mettez|garder|gardez|gardera|remettez|remettre|remets|reinscrivez|reinscrire', 'bookStrong'],
  ['book|booking|sign|signup|register|enrol|enroll|add|added|adding|put|include', 'bookStrong'],
  // "pas de cantine vendredi, oui pour la garderie", "no lunch on Friday, yes to after school club".
  ['oui pour|a|au, yes to|for|please', 'bookStrong'],
  ['be|get booked|registered|signed|enrolled|enroled|added, to be booked|registered|signed|enrolled|added|put', 'bookStrong'],
  // "Can you please make sure Emily is booked into the Wednesday club": asking that she be booked ("just to make sure, is …" is not).
  ['please|you|pls make sure|ensure', 'bookStrong'],
  // "Est-ce que Jade peut être inscrite demain ?", "pourrait-il être ajouté": asking that the child be booked.
  ['peut|pourrait|pourra|peuvent|pourraient|pourront|puisse|puissent etre inscrit|inscrite|inscrits|inscrites|reserve|reservee|reserves|reservees|ajoute|ajoutee|ajoutes|ajoutees|accueilli|accueillie|accueillis|accueillies', 'bookStrong'],
  ['ira|iront|irai|va|vont|vais|aller|vient|viennent|viendra|viendront|venir|~mang|~dejeun', 'book'],
  ['reste|restera|resteront|rester|restent|prendra|prendront|prendre|prend|prennent|prenez|besoin', 'book'],
  ['faudra|faut|faudrait|souhaite|souhaitons|voudrait|voudrions|aimerait|veux|veut|voulons|participe|participera', 'book'],
  ['sera|seront|serai|frequente|frequentera', 'book'],
  ['need|needs|needed|will|attend|attends|attending|going|goes|go|have|has|eat|eats|stay|stays|staying', 'book'],
  ['want|wants|join|joins|come|comes|coming|be', 'book'],
]);

/** Vocabulary used by the cue phrases (never read as first names). */
export function cueVocabulary(): ReadonlySet<string> {
  return CUES.words();
}

const PARTICIPLE_AUXILIARIES = new Set(['est', 'sont', 'etre', 'ete', 'bien', 'deja', 'pas', 'is', 'are', 'was', 'been', 'il', 'elle']);
const PAST_PARTICIPLE = /(é|ée|és|ées)$/u;
const INSCRIT = new Set(['inscrit', 'inscrite', 'inscrits', 'inscrites']);
const NE_NEGATORS = new Set(['pas', 'plus', 'jamais', 'point', 'aucun', 'aucune', 'rien', 'guere', 'ni']);
const NOT_PLUS_BEFORE = new Set(['en', 'de', 'le', 'un', 'au', 'beaucoup', 'encore', 'bien', 'la', 'les', 'ou', 'et']);
const SPOKEN_PLUS_VERBS = new Set(['mange', 'mangera', 'mangent', 'mangeront', 'va', 'ira', 'vont', 'iront', 'vient', 'viendra', 'viennent', 'viendront', 'reste', 'restera', 'restent', 'resteront', 'dejeune', 'dejeunera']);
const SPOKEN_PLUS_NEXT = new Set(['a', 'au', 'aux', 'le', 'la', 'les', 'ce', 'cette', 'ces', 'en', 'jusqu', 'jusque', 'du', 'a partir']);
/** "mange plus à la cantine qu'à la maison": a "plus … que" within a few words compares. */
function comparesWith(tokens: readonly Token[], i: number): boolean {
  for (let d = 1; d <= 6; d++) {
    const t = tokens[i + d];
    if (!t || isSentenceEnd(t)) return false;
    if (t.norm === 'que' || t.norm === 'qu') return true;
  }
  return false;
}
const ASKING_BEFORE = new Set(['vous', 'pouvez', 'pourriez', 'svp', 'stp', 'de', 'pour', 'please', 'merci', 'faut', 'faudrait', 'faudra']);
export const FETCH_VERBS: ReadonlySet<string> = new Set(['chercher', 'cherche', 'recuperer', 'recupere', 'recupera', 'recupererai', 'recuperera', 'pick', 'picking', 'collect', 'collecting']);
/** "…, d'où ce mail": "d'où" inside a sentence means "hence", not "where from". */
export function isHenceOu(tokens: readonly Token[], i: number): boolean {
  const prev = tokens[i - 1];
  const before = tokens[i - 2];
  return !!prev && prev.norm === 'de' && prev.raw.length <= 2 && !!before && !isSentenceEnd(before);
}
// ("sauf le jeudi 10 décembre où c'est leur père qui les récupère": after a date in full too.)
const RELATIVE_OU_BEFORE = new Set(['jour', 'jours', 'moment', 'semaine', 'semaines', 'date', 'dates', 'fois', 'mois', 'matin', 'matins', 'soir', 'soirs', 'mercredi', 'mercredis', 'lundi', 'lundis', 'mardi', 'mardis', 'jeudi', 'jeudis', 'vendredi', 'vendredis',
  'janvier', 'fevrier', 'mars', 'avril', 'mai', 'juin', 'juillet', 'aout', 'septembre', 'octobre', 'novembre', 'decembre', 'midi', 'vacances']);
/** Where a verb of fetching the child stands within `reach` words after `i`, with no punctuation between; -1 when none. */
function fetchAfter(tokens: readonly Token[], i: number, reach = 4): number {
  for (let d = 1; d <= reach; d++) {
    const t = tokens[i + d];
    if (!t || t.kind === 'punct') return -1;
    if (FETCH_VERBS.has(t.norm) || t.norm === 'collect' || (t.norm === 'venir' && tokens[i + d + 1]?.norm === 'chercher')) return i + d;
  }
  return -1;
}
const NO_FOLLOWERS = new Set(['need', 'more', 'longer', 'school', 'club', 'care', 'childcare']);

/** A past participle ("réservé", "annulée"), also typed without accents ("annulee", "est reserve"). */
function isParticiple(t: Token, before: Token | undefined): boolean {
  const raw = t.raw.toLowerCase();
  if (PAST_PARTICIPLE.test(raw) || /e(e|es)$/.test(t.norm)) return true;
  return /e$|es$/.test(t.norm) && !!before && PARTICIPLE_AUXILIARIES.has(before.norm);
}

const SCHEDULE_CHANGE = new Set(['changement', 'changements', 'modification', 'modifications', 'change', 'changes', 'nouveau', 'nouvel', 'new']);
const SCHEDULE_LINKS = new Set(['de', 'du', 'des', 'mon', 'ma', 'mes', 'notre', 'nos', 'son', 'sa', 'leur', 'of', 'in', 'to', 'my', 'our', 'his', 'her', 'their', 'the', 'a', 'un', 'une', 'le', 'la']);
const WORK_WORDS = new Set(['travail', 'boulot', 'taf', 'professionnel', 'pro', 'work', 'job', 'shift', 'shifts', 'service', 'equipe']);

const WRITER_POSSESSIVES = new Set(['mon', 'ma', 'mes', 'notre', 'nos', 'my', 'our']);
const SCHEDULE_LEADS = new Set(['selon', 'suivant', 'avec', 'vu', 'on', 'to', 'with', 'around']);
/**
 * "suite à un changement de planning", "mon nouveau planning au travail", "a change in my work
 * schedule": the parent's own working hours given as a reason, not a request to see the
 * bookings.
 */
function isWorkSchedule(tokens: readonly Token[], i: number): boolean {
  // "selon mon planning de janvier", "depending on my schedule": the writer's own planning is their work's.
  if (WRITER_POSSESSIVES.has(tokens[i - 1]?.norm ?? '') && SCHEDULE_LEADS.has(tokens[i - 2]?.norm ?? '')) return true;
  for (let d = 1; d <= 4; d++) {
    const t = tokens[i - d];
    if (!t || t.kind === 'punct') break;
    if (SCHEDULE_CHANGE.has(t.norm) || WORK_WORDS.has(t.norm)) return true;
    if (!SCHEDULE_LINKS.has(t.norm)) break;
  }
  for (let d = 1; d <= 3; d++) {
    const t = tokens[i + d];
    if (!t || t.kind === 'punct') break;
    if (WORK_WORDS.has(t.norm) || t.norm === 'change' || t.norm === 'changed' || t.norm.startsWith('modifi')) return true;
    if (!['au', 'de', 'du', 'at', 'a', 'has', 'professionnel', 'changes', 'ont', 'est'].includes(t.norm)) break;
  }
  return false;
}

function cueFor(t: Token, matched: CueKind | null, before?: Token): CueKind | null {
  const n = t.norm;
  if (n.startsWith('inscri') && !INSCRIT.has(n) && n !== 'inscriptions') return 'bookStrong';
  if (n.startsWith('reserv') && n !== 'reservations') {
    // "réservé(e)" states a booking (a question about it); "réserve", "réserver", "réservation" order one.
    return isParticiple(t, before) ? 'listWeak' : 'bookStrong';
  }
  if (n === 'ou' && t.raw.toLowerCase() === 'où') return 'helpStrong';
  // "pouvez-vous garder Tom jusqu'à 18h" asks the CCAS; "ma mère vient garder les enfants", "je ne
  // pourrai pas garder Noé" tell who minds the child: no booking of the town's.
  if ((n === 'garder' || n === 'gardera') && matched === 'bookStrong' && !(before && ASKING_BEFORE.has(before.norm))) return 'neutral';
  // "Tom peut apporter son doudou ?", "elle peut le garder ?": whether the child may, not a request to the CCAS.
  if (matched === 'request' && n === 'peut' && before && (before.norm === 'il' || before.norm === 'elle' || (before.capitalized && before.kind === 'word'))) return 'ability';
  if (n.startsWith('annul') && isParticiple(t, before)) return 'cancelPast';
  return matched;
}

const BELOW_WORDS = new Set(['dessous', 'below', 'bas', 'attached', 'joint', 'jointe', 'transfere', 'forwarded']);

/** "voir (le message de l'école) ci-dessous", "see (the note) below", "rien à voir". */
function pointsBelow(tokens: readonly Token[], i: number): boolean {
  if (tokens[i - 1]?.norm === 'a' && tokens[i - 2]?.norm === 'rien') return true;
  for (let k = i + 1; k < tokens.length && k <= i + 8; k++) {
    if (isSentenceEnd(tokens[k]!)) return false;
    if (BELOW_WORDS.has(tokens[k]!.norm)) return true;
  }
  return false;
}

const YES_WORDS = new Set(['oui', 'yes', 'ok']);
const NO_WORDS = new Set(['non', 'no']);

/**
 * "cantine oui lundi, non mardi", "lundi oui, mardi non": a yes and a no, each right beside a
 * weekday, in one sentence, say per day what the parent wants. The no is then a negation of
 * its day (never a self-correction dropping the day before), the yes a booking. One pass over
 * the tokens; a yes or a no alone beside a day is left to the other rules.
 */
function dayPolarities(tokens: readonly Token[]): Map<number, { kind: CueKind; side: 'before' | 'after' }> {
  const out = new Map<number, { kind: CueKind; side: 'before' | 'after' }>();
  const isDay = (k: number): boolean => {
    const t = tokens[k];
    return !!t && t.kind === 'word' && WEEKDAYS.has(t.norm);
  };
  const besideDay = (k: number): boolean => isDay(k - 1) || isDay(k + 1) || (tokens[k + 1]?.norm === ':' && isDay(k + 2)) || (tokens[k - 1]?.norm === ':' && isDay(k - 2));
  let yes: number[] = [];
  let no: number[] = [];
  const flush = (): void => {
    if (yes.length > 0 && no.length > 0) {
      const all = [...yes, ...no].sort((a, b) => a - b);
      const first = all[0]!;
      const last = all[all.length - 1]!;
      const dayBefore = (k: number): boolean => isDay(k - 1) || (tokens[k - 1]?.norm === ':' && isDay(k - 2));
      const dayAfter = (k: number): boolean => isDay(k + 1) || (tokens[k + 1]?.norm === ':' && isDay(k + 2));
      // "oui lundi, non mardi" opens on a yes or a no; "lundi oui mardi non" ends on one.
      const side = !dayBefore(first) || (dayAfter(last) && !dayAfter(first)) ? 'after' : 'before';
      for (const k of yes) out.set(k, { kind: 'bookStrong', side });
      for (const k of no) out.set(k, { kind: 'negation', side });
    }
    yes = [];
    no = [];
  };
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (isSentenceEnd(t)) flush();
    else if (t.kind === 'word' && (YES_WORDS.has(t.norm) || NO_WORDS.has(t.norm)) && besideDay(k)) (YES_WORDS.has(t.norm) ? yes : no).push(k);
  }
  flush();
  return out;
}

/**
 * Every cue in the text. Negations follow French and English rules: "ne … pas/plus/jamais",
 * a bare "pas" ("mange pas"), "plus de …" at the head of a request, "not"/"never", and
 * "no"/"sans" before a service or "need"; fixed phrases such as "pas de souci" or
 * "no problem" are not negations.
 */
/** Verbs that report what someone says, after its subject ("Grace says", "Léo dit"). */
const REPORTING_VERBS = new Set(['says', 'said', 'told', 'dit', 'raconte', 'pretend']);

/** How a child may be, in a condition: "if she is not better", "si elle va mieux", "if he still has a fever". */
const CONDITION_STATES = new Set(['greve', 'strike', 'better', 'mieux', 'worse', 'pire', 'still', 'toujours', 'encore', 'recovered', 'retablie', 'retabli', 'gueri', 'guerie', 'fievre', 'fever']);
const FORGOT = new Set(['oublie', 'oubliee', 'oublies', 'laisse', 'laissee', 'forgot', 'forgotten', 'left']);

export function tagCues(tokens: readonly Token[], isServiceAt: (i: number) => boolean): CueTag[] {
  const out: CueTag[] = [];
  const polar = dayPolarities(tokens);
  let lastNe = -100;
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i]!;
    const pole = polar.get(i);
    if (pole) {
      out.push({ kind: pole.kind, start: i, end: i + 1, polar: pole.side });
      i++;
      continue;
    }
    if (t.kind === 'punct') {
      if (t.norm !== ',' && t.norm !== "'") lastNe = -100;
      i++;
      continue;
    }
    const m = CUES.longestAt(tokens, i);
    if (m && m.end - m.start > 1) {
      if (m.value === 'inability') {
        out.push({ kind: 'neutral', start: m.start, end: m.end });
        // "je ne pourrai pas récupérer Jade à la sortie de l'école": the child stays, as for a negated fetch below.
        const fetchAt = fetchAfter(tokens, m.end - 1, 3);
        if (fetchAt >= 0) {
          out.push({ kind: 'book', start: fetchAt, end: fetchAt + 1 });
          i = fetchAt + 1;
          continue;
        }
      } else out.push({ kind: m.value, start: m.start, end: m.end });
      i = m.end;
      continue;
    }
    // "voir le mot de l'école ci-dessous", "see below", "rien à voir avec …": a pointer to the note, no list.
    if ((t.norm === 'voir' || t.norm === 'see') && pointsBelow(tokens, i)) {
      out.push({ kind: 'neutral', start: i, end: i + 1 });
      i++;
      continue;
    }
    // "les jours où …", "the day where …": a relative "où", not a question about a place.
    const relativeOu = t.norm === 'ou' && (RELATIVE_OU_BEFORE.has(tokens[i - 1]?.norm ?? '') || /^\d{1,2}$/.test(tokens[i - 1]?.norm ?? '') || isHenceOu(tokens, i));
    const single = relativeOu || (m?.value === 'listNoun' && isWorkSchedule(tokens, i)) ? null : cueFor(t, m ? m.value : null, tokens[i - 1]);
    if (single) {
      out.push({ kind: single, start: i, end: i + 1 });
      i++;
      continue;
    }
    const n = t.norm;
    // "Grace says the pudding was the best", "His friend Leo says the pool is closed", "Ambre dit que …": what a child says, reported.
    if (REPORTING_VERBS.has(n) && (tokens[i - 1]?.capitalized || ['he', 'she', 'they', 'il', 'elle'].includes(tokens[i - 1]?.norm ?? '')) && tokens[i - 1]?.kind === 'word') {
      out.push({ kind: 'undecided', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (n === 'ne') lastNe = i;
    // ("je récupère Léa à la sortie de l'école": no care after school.)
    if (FETCH_VERBS.has(n) && [1, 2, 3, 4].some((d) => tokens[i + d]?.norm === 'midi' || tokens[i + d]?.norm === 'noon' || (tokens[i + d]?.norm === 'sortie' && tokens[i + d - 1]?.norm === 'la'))) {
      // "je viendrai chercher Tom à midi": no canteen that day.
      out.push({ kind: 'absence', start: i, end: i + 1 });
      i++;
      continue;
    }
    if ((n === 'take' || n === 'taking') && [1, 2, 3].some((d) => tokens[i + d]?.norm === 'off' || tokens[i + d]?.norm === 'out')) {
      // "take Tom off lunch", "take him out of breakfast club".
      out.push({ kind: 'cancelStrong', start: i, end: i + 1 });
      i++;
      continue;
    }
    let negation = false;
    // "…, Hugo pas.": a bare "pas" after a name at the end of a clause leaves that child out; it negates nothing.
    const leavesOut = n === 'pas' && !!tokens[i - 1]?.capitalized && (!tokens[i + 1] || (tokens[i + 1]!.kind === 'punct' && tokens[i + 1]!.norm !== "'"));
    if (leavesOut) negation = false;
    else if (n === 'pas' || n === 'jamais' || n === 'aucun' || n === 'aucune' || n === 'rien' || n === 'not' || n === 'never' || n === 'neither' || n === 'nor') negation = true;
    else if (n === 'ni' && (i === 0 || isSentenceEnd(tokens[i - 1]!)) && [2, 3, 4].some((d) => tokens[i + d]?.norm === 'ni')) negation = true; // "Ni Léa ni Tom ne mangeront …"
    else if (NE_NEGATORS.has(n) && i - lastNe <= 4) negation = true;
    else if (n === 'plus') {
      const prev = tokens[i - 1];
      const next = tokens[i + 1];
      if (i - lastNe <= 4) negation = true;
      else if (next && (next.norm === 'de' || next.norm === 'besoin' || next.norm === 'du') && !(prev && NOT_PLUS_BEFORE.has(prev.norm))) negation = true;
      // "timéo mange plus à la cantine", "il va plus à la garderie le soir": "ne" dropped, as spoken ("plus tôt" is a time).
      else if (prev && SPOKEN_PLUS_VERBS.has(prev.norm) && (!next || next.kind === 'punct' || SPOKEN_PLUS_NEXT.has(next.norm)) && !comparesWith(tokens, i)) negation = true;
    } else if (n === 'no' || n === 'sans') {
      let j = i + 1;
      while (tokens[j] && (tokens[j]!.norm === 'more' || tokens[j]!.norm === 'le' || tokens[j]!.norm === 'la' || tokens[j]!.norm === 'les' || tokens[j]!.norm === 'de')) j++;
      const next = tokens[j];
      if (next && (isServiceAt(j) || NO_FOLLOWERS.has(next.norm))) negation = true;
    }
    if (negation && fetchAfter(tokens, i) >= 0) {
      // "je ne pourrai pas récupérer Lucas avant 18h", "I can't pick him up till 6": the child stays, a booking.
      out.push({ kind: 'book', start: i, end: i + 1 });
      i++;
      continue;
    }
    if (negation) out.push({ kind: 'negation', start: i, end: i + 1 });
    i++;
  }
  // "please make sure Emily is booked": the state asked for, not a question about it.
  for (let k = 0; k + 1 < out.length; k++) {
    const c = out[k]!;
    if (c.kind !== 'bookStrong' || !['sure', 'ensure'].includes(tokens[c.end - 1]!.norm)) continue;
    for (let j = k + 1; j < out.length && out[j]!.start <= c.end + 5; j++) if (out[j]!.kind === 'listStrong' || out[j]!.kind === 'listWeak') out[j] = { ...out[j]!, kind: 'neutral' };
  }
  // "If Basile is not better tomorrow I'll keep him home and let you know", "si Léa va mieux …": a condition on how the
  // child will be, to the end of its sentence, decides nothing yet.
  for (let i = 0; i < tokens.length; i++) {
    // ("S’il y a grève": the typographic apostrophe reads "se il".)
    const conditional = tokens[i]!.norm === 'if' || tokens[i]!.norm === 'si' || (tokens[i]!.norm === 'se' && (tokens[i + 1]?.norm === 'il' || tokens[i + 1]?.norm === 'ils'));
    if (!conditional || (i > 0 && !isSentenceEnd(tokens[i - 1]!) && tokens[i - 1]!.norm !== ',')) continue;
    let end = i + 1;
    while (end < tokens.length && !isSentenceEnd(tokens[end]!)) end++;
    const words = tokens.slice(i + 1, Math.min(end, i + 7)).map((t) => t.norm);
    if (!words.some((w) => CONDITION_STATES.has(w))) continue;
    // (A question in it stays one: "si la grève est confirmée, est-ce que la cantine sera assurée ?".)
    for (let k = out.length - 1; k >= 0; k--) if (out[k]!.start > i && out[k]!.start < end && out[k]!.kind !== 'greeting' && !out[k]!.kind.startsWith('help')) out.splice(k, 1);
    const asks = out.some((c) => c.start > i && c.start < end && c.kind.startsWith('help'));
    if (asks) continue;
    out.push({ kind: 'undecided', start: i, end: i + 1 });
    for (let k = i + 1; k < end; k++) if (tokens[k]!.norm === ',' || tokens[k]!.norm === 'and' || tokens[k]!.norm === 'et') out.push({ kind: 'undecided', start: k + 1, end: k + 2 });
    out.sort((a, b) => a.start - b.start);
  }
  // "Annulez la garderie du matin mardi et mettez-la plutôt le soir": "plutôt" after an order is "instead", no self-correction.
  for (let k = 0; k < out.length; k++) {
    const c = out[k]!;
    if (c.kind !== 'correction' || tokens[c.end - 1]?.norm !== 'plutot' || c.end - c.start !== 1) continue;
    if (out.some((o) => o.kind === 'bookStrong' && o.end <= c.start && o.end >= c.start - 3)) out[k] = { ...c, kind: 'neutral' };
  }
  // "Iris a oublié son cahier à la maison", "he left his coat at home": a thing is at home, not the child.
  for (let k = 0; k < out.length; k++) {
    const c = out[k]!;
    if (c.kind !== 'absence' || !tokens.slice(c.start, c.end).some((t) => t.norm === 'maison' || t.norm === 'home')) continue;
    for (let j = Math.max(0, c.start - 6); j < c.start; j++) if (FORGOT.has(tokens[j]!.norm)) out[k] = { ...c, kind: 'neutral' };
  }
  // "je ne pourrai pas garder Noé": a negation of a verb that asks nothing negates no request.
  return out.filter((c, k) => c.kind !== 'negation' || out[k + 1]?.kind !== 'neutral' || out[k + 1]!.start > c.end + 1);
}

/** The cues of one clause, summed up. */
export interface ClauseCues {
  kinds: Set<CueKind>;
  question: boolean;
  hasChild: boolean;
  hasDate: boolean;
  hasService: boolean;
  /** The clause refers to a child by a pronoun or "mon fils" (a question about that child's bookings). */
  hasRef?: boolean;
  /** The only children it names are a group word ("the kids", "les enfants"), no first name. */
  onlyGroup?: boolean;
  /** Something in the clause is about the service: a domain word, a service, a child, a day or a request verb. */
  domain?: boolean;
}

/** Whether a clause carries a predicate of its own (a cue that asks for something), not just names, days or services. */
export function isPredicate(kind: CueKind): boolean {
  return (
    kind === 'bookStrong' ||
    kind === 'book' ||
    kind === 'cancelStrong' ||
    kind === 'cancelPast' ||
    kind === 'absence' ||
    kind === 'illness' ||
    kind === 'listStrong' ||
    kind === 'listWeak' ||
    kind === 'listNoun' ||
    kind === 'helpStrong' ||
    kind === 'helpWeak' ||
    kind === 'negation'
  );
}

/**
 * The intent of a clause, first rule that applies: a question about the
 * service (prices, hours, menus, how to, "y a-t-il", "can I" with nothing
 * named) is `help`; asking what is booked is `list`; an explicit
 * cancellation cancels; an order to book books (negated, it cancels); a
 * bare statement with a question mark and no request is a `list`
 * question; an absence or a negation cancels; a booking verb, a service or
 * a day alone books. Null when the clause asks for nothing (greetings,
 * thanks, gibberish).
 */
export function decideIntent(c: ClauseCues): Exclude<Intent, 'unknown'> | null {
  const k = c.kinds;
  if ((k.has('thanksFor') || k.has('topic')) && ![...k].some(isPredicate)) return null;
  if (k.has('helpStrong')) return 'help';
  // "Pourriez-vous me rappeler à quels jours Ambre est inscrite ? Je ne retrouve plus le mail": a child's bookings asked for.
  if (k.has('listStrong') && c.hasChild) return 'list';
  if (k.has('helpQuestion') && c.question) return 'help';
  // ("Do the kids get lunch at the Wednesday club, or do I need to pack something?": the children in general, no day.)
  if (k.has('helpGeneral') && c.question && (!c.hasChild || (c.onlyGroup && !c.hasDate))) return 'help';
  if (k.has('ability') && c.question && !c.hasChild && !c.hasDate) return 'help';
  // "Est-ce que Tom peut apporter son doudou à la garderie ?": whether something is allowed, with no
  // day and no verb of booking or attending, is a question about the rules.
  if (k.has('ability') && c.question && !c.hasDate && !k.has('book') && !k.has('bookStrong') && !k.has('listStrong') && !k.has('listWeak') && !k.has('listNoun') && !k.has('cancelStrong') && !k.has('absence') && !k.has('illness') && !k.has('negation')) return 'help';
  if (k.has('helpWeak') && !c.hasChild && !c.hasDate && !k.has('bookStrong') && !k.has('cancelStrong')) return 'help';
  if (k.has('listStrong')) return 'list';
  if (k.has('listNoun') && !k.has('cancelStrong') && !k.has('bookStrong')) return 'list';
  if (k.has('cancelStrong')) return 'cancel';
  if (k.has('cancelPast')) return c.question && !k.has('request') ? 'list' : 'cancel';
  if (k.has('bookStrong')) return k.has('negation') ? 'cancel' : 'book';
  if (k.has('listWeak')) return 'list';
  const slots = c.hasService || c.hasDate;
  // "quel est le numéro du CCAS svp": a question about the service, politely asked, naming no one.
  if (c.question && k.has('request') && !c.hasChild && !c.hasRef && !slots && c.domain === true && !k.has('bookStrong') && !k.has('cancelStrong') && !k.has('book')) return 'help';
  if (c.question && !k.has('request') && !k.has('ability')) {
    if (c.hasDate || c.hasChild || c.hasRef) return 'list';
    // "Est-ce que la cantine est payante ?": about the service, not about anyone's bookings.
    if (c.hasService) return k.has('book') || k.has('negation') ? 'list' : 'help';
    // A question with no booking in it is about the service, unless it is small talk ("ça va ?").
    return k.has('greeting') || c.domain === false ? null : 'help';
  }
  if (k.has('absence') || k.has('illness')) return 'cancel';
  if (k.has('negation') && (slots || c.hasChild)) return 'cancel';
  if (slots) return 'book';
  return null;
}
