/** What an import file holds. */
export const importKinds = [
  'orders',
  'contacts',
  'tickets',
  'survey_responses',
  'reviews',
  'mentions',
] as const;
export type ImportKind = (typeof importKinds)[number];

export function isImportKind(value: string): value is ImportKind {
  return (importKinds as readonly string[]).includes(value);
}

/**
 * A Panorama field an import column can feed. `aliases` are header spellings (English, French,
 * HubSpot, Salesforce) already normalised by `normaliseHeader`, best match first.
 */
export interface FieldSpec {
  name: string;
  aliases: readonly string[];
  required?: boolean;
}

export interface KindSpec {
  fields: readonly FieldSpec[];
  /** Fields that can give a row its natural key, in order of preference; one must be mapped. */
  keyFields: readonly string[];
}

const customerId: FieldSpec = {
  name: 'customerId',
  aliases: ['customerid', 'clientid', 'idclient', 'numeroclient', 'userid', 'iduser', 'utilisateur'],
};
const email: FieldSpec = {
  name: 'email',
  aliases: ['email', 'emailaddress', 'courriel', 'mail', 'adresseemail', 'adressemail', 'adressecourriel'],
};
const phone: FieldSpec = {
  name: 'phone',
  aliases: [
    'phone',
    'phonenumber',
    'telephone',
    'tel',
    'numerotelephone',
    'mobile',
    'portable',
    'mobilephone',
  ],
};
const loyaltyCard: FieldSpec = {
  name: 'loyaltyCard',
  aliases: [
    'loyaltycard',
    'cartefidelite',
    'numerocartefidelite',
    'carte',
    'fidelite',
    'loyaltycardnumber',
    'cardnumber',
  ],
};
const crmId: FieldSpec = { name: 'crmId', aliases: ['crmid', 'recordid', 'contactid', 'idcontact', 'idcrm'] };
const language: FieldSpec = { name: 'language', aliases: ['language', 'langue', 'lang', 'locale'] };
const url: FieldSpec = { name: 'url', aliases: ['url', 'lien', 'link', 'permalink'] };
const identifiers = [customerId, email, phone, loyaltyCard, crmId];

export const kindSpecs: Readonly<Record<ImportKind, KindSpec>> = {
  orders: {
    keyFields: ['orderId'],
    fields: [
      {
        name: 'orderId',
        required: true,
        aliases: [
          'orderid',
          'numerocommande',
          'ordernumber',
          'idcommande',
          'numcommande',
          'ncommande',
          'nocommande',
          'commande',
          'order',
          'transactionid',
          'id',
        ],
      },
      {
        name: 'date',
        required: true,
        aliases: [
          'orderdate',
          'datecommande',
          'date',
          'dateachat',
          'purchasedate',
          'createdat',
          'createddate',
          'timestamp',
        ],
      },
      {
        name: 'amount',
        aliases: [
          'revenue',
          'total',
          'montantttc',
          'montant',
          'totalttc',
          'amount',
          'ordertotal',
          'totalamount',
          'prix',
          'price',
        ],
      },
      { name: 'currency', aliases: ['currency', 'devise', 'monnaie'] },
      { name: 'store', aliases: ['store', 'magasin', 'shop', 'boutique', 'storename', 'pointdevente'] },
      {
        name: 'items',
        aliases: ['items', 'nbarticles', 'nombrearticles', 'itemcount', 'quantity', 'quantite', 'qty'],
      },
      { name: 'products', aliases: ['products', 'produits', 'articles', 'skus', 'lignes', 'lines'] },
      ...identifiers,
    ],
  },
  contacts: {
    keyFields: ['crmId', 'customerId', 'email'],
    fields: [
      { ...crmId, aliases: [...crmId.aliases, 'id', 'hubspotid', 'salesforceid'] },
      { name: 'firstName', aliases: ['firstname', 'prenom', 'givenname'] },
      { name: 'lastName', aliases: ['lastname', 'nom', 'nomdefamille', 'surname', 'familyname'] },
      email,
      {
        name: 'phone',
        aliases: ['phonenumber', 'phone', 'telephone', 'tel', 'telephonefixe', 'numerotelephone'],
      },
      {
        name: 'mobile',
        aliases: ['mobilephonenumber', 'mobilephone', 'mobile', 'portable', 'telephoneportable'],
      },
      { name: 'city', aliases: ['city', 'mailingcity', 'ville', 'commune'] },
      {
        name: 'postalCode',
        aliases: [
          'postalcode',
          'mailingzippostalcode',
          'mailingpostalcode',
          'zip',
          'zipcode',
          'codepostal',
          'cp',
        ],
      },
      { name: 'country', aliases: ['countryregion', 'country', 'mailingcountry', 'pays'] },
      {
        name: 'birthday',
        aliases: ['dateofbirth', 'birthdate', 'birthday', 'datenaissance', 'datedenaissance'],
      },
      { name: 'lifecycleStage', aliases: ['lifecyclestage', 'stage', 'statut', 'status'] },
      {
        name: 'createdAt',
        aliases: ['createdate', 'createddate', 'createdat', 'datecreation', 'datedecreation', 'date'],
      },
      { name: 'company', aliases: ['accountname', 'company', 'companyname', 'entreprise', 'societe'] },
      customerId,
      loyaltyCard,
    ],
  },
  tickets: {
    keyFields: ['ticketId'],
    fields: [
      {
        name: 'ticketId',
        required: true,
        aliases: ['ticketid', 'idticket', 'numeroticket', 'caseid', 'casenumber', 'ticket', 'id'],
      },
      {
        name: 'createdAt',
        required: true,
        aliases: ['createdat', 'createddate', 'datecreation', 'dateouverture', 'openedat', 'date'],
      },
      { name: 'closedAt', aliases: ['closedat', 'closeddate', 'datecloture', 'datefermeture', 'resolvedat'] },
      { name: 'channel', aliases: ['channel', 'canal', 'origin', 'origine'] },
      { name: 'subject', aliases: ['subject', 'objet', 'sujet', 'title', 'titre'] },
      { name: 'description', aliases: ['description', 'message', 'body', 'texte', 'contenu', 'text'] },
      { name: 'status', aliases: ['status', 'statut', 'etat'] },
      { name: 'priority', aliases: ['priority', 'priorite'] },
      { name: 'agent', aliases: ['agent', 'assignee', 'owner', 'conseiller', 'caseowner'] },
      ...identifiers,
    ],
  },
  survey_responses: {
    keyFields: ['responseId'],
    fields: [
      {
        name: 'responseId',
        required: true,
        aliases: ['responseid', 'reponseid', 'idreponse', 'numeroreponse', 'id'],
      },
      {
        name: 'respondedAt',
        required: true,
        aliases: ['respondedat', 'datereponse', 'submittedat', 'answeredat', 'createdat', 'date'],
      },
      {
        name: 'surveyId',
        aliases: ['surveyid', 'enqueteid', 'idenquete', 'questionnaire', 'survey', 'enquete'],
      },
      { name: 'surveyType', aliases: ['surveytype', 'typeenquete', 'metric', 'type'] },
      { name: 'score', aliases: ['score', 'note', 'rating', 'nps', 'csat', 'ces', 'valeur'] },
      { name: 'scale', aliases: ['scale', 'echelle'] },
      {
        name: 'comment',
        aliases: ['comment', 'commentaire', 'verbatim', 'feedback', 'remarque', 'text', 'texte'],
      },
      { name: 'touchpoint', aliases: ['touchpoint', 'pointdecontact', 'parcours'] },
      { name: 'orderId', aliases: ['orderid', 'numerocommande', 'idcommande'] },
      { name: 'agent', aliases: ['agent', 'conseiller'] },
      { name: 'employeeId', aliases: ['employeeid', 'idemploye', 'idsalarie', 'matricule'] },
      { name: 'team', aliases: ['team', 'equipe', 'service', 'department', 'departement'] },
      language,
      ...identifiers,
    ],
  },
  reviews: {
    keyFields: ['reviewId'],
    fields: [
      { name: 'reviewId', required: true, aliases: ['reviewid', 'avisid', 'idavis', 'id'] },
      {
        name: 'postedAt',
        required: true,
        aliases: ['postedat', 'publishedat', 'datepublication', 'createdat', 'date'],
      },
      { name: 'platform', aliases: ['platform', 'plateforme', 'site', 'source'] },
      { name: 'rating', aliases: ['rating', 'note', 'stars', 'etoiles', 'score'] },
      { name: 'title', aliases: ['title', 'titre'] },
      {
        name: 'text',
        aliases: ['text', 'texte', 'body', 'content', 'review', 'avis', 'comment', 'commentaire'],
      },
      { name: 'author', aliases: ['author', 'auteur', 'reviewer', 'authorname', 'name', 'nom'] },
      url,
      { name: 'product', aliases: ['product', 'produit', 'sku', 'productid'] },
      language,
      ...identifiers,
    ],
  },
  mentions: {
    keyFields: ['mentionId'],
    fields: [
      { name: 'mentionId', required: true, aliases: ['mentionid', 'postid', 'tweetid', 'idmention', 'id'] },
      {
        name: 'postedAt',
        required: true,
        aliases: ['postedat', 'publishedat', 'datepublication', 'createdat', 'date'],
      },
      { name: 'network', aliases: ['network', 'reseau', 'reseausocial', 'platform', 'plateforme', 'source'] },
      {
        name: 'handle',
        aliases: ['handle', 'username', 'screenname', 'pseudo', 'compte', 'account', 'user'],
      },
      { name: 'authorName', aliases: ['authorname', 'author', 'auteur', 'name', 'nom'] },
      { name: 'text', aliases: ['text', 'texte', 'content', 'message', 'body', 'post'] },
      url,
      language,
      ...identifiers,
    ],
  },
};
