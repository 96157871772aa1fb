import { defineMessages } from '../message';

/** Messages of this area, in both languages. */
export default defineMessages({
  'data.inFile': { en: '{file}: {problem}', fr: '{file} : {problem}' },
  'data.folderForgotten': {
    en: 'That dataset folder is no longer known; choose the folder again.',
    fr: 'Ce dossier de données n’est plus connu ; choisissez-le à nouveau.',
  },
  // IDX files (engine/data/idx.ts): the problem follows "{file}: ", hence the lower case.
  'data.imageSizeZero': {
    en: 'images of {rows}×{cols} pixels: rows and columns must be at least 1',
    fr: 'images de {rows}×{cols} pixels : il faut au moins 1 ligne et 1 colonne',
  },
  'data.labelOutOfRange': {
    en: 'labels must be 0–{max} ({classes} classes), found {label} at index {index}',
    fr: 'les étiquettes doivent aller de 0 à {max} ({classes} classes), mais {label} se trouve à la position {index}',
  },
  'data.countMismatch': {
    en: '{images} has {imageCount} images but {labels} has {labelCount} labels',
    fr: '{images} contient {imageCount} images mais {labels} contient {labelCount} étiquettes',
  },
  'data.theImagesFile': { en: 'the images file', fr: 'le fichier d’images' },
  'data.theLabelsFile': { en: 'the labels file', fr: 'le fichier d’étiquettes' },
  'data.empty': { en: 'the file is empty (0 bytes); expected an IDX file', fr: 'le fichier est vide (0 octet) ; un fichier IDX était attendu' },
  'data.tooShortOne': {
    en: 'truncated: only 1 byte, too short for an IDX header',
    fr: 'fichier tronqué : 1 seul octet, trop peu pour un en-tête IDX',
  },
  'data.tooShort': {
    en: 'truncated: only {count} bytes, too short for an IDX header',
    fr: 'fichier tronqué : {count} octets seulement, trop peu pour un en-tête IDX',
  },
  'data.notIdx': {
    en: 'not an IDX file (magic number {magic}; expected {expected}{forKind}).{hint}',
    fr: 'ce n’est pas un fichier IDX (nombre magique {magic} ; {expected}{forKind} attendu).{hint}',
  },
  'data.forImages': { en: ' for images', fr: ' pour des images' },
  'data.forLabels': { en: ' for labels', fr: ' pour des étiquettes' },
  'data.hint.gzip': { en: ' Is it still gzip-compressed?', fr: ' Est-il encore compressé en gzip ?' },
  'data.hint.zip': { en: ' It looks like a zip archive; extract it first.', fr: ' Il ressemble à une archive zip ; extrayez-la d’abord.' },
  'data.hint.lfs': { en: ' It is a Git LFS pointer, not the data itself.', fr: ' C’est un pointeur Git LFS, pas les données elles-mêmes.' },
  'data.hint.html': {
    en: ' It looks like an HTML or XML page; was the download redirected?',
    fr: ' Il ressemble à une page HTML ou XML ; le téléchargement a-t-il été redirigé ?',
  },
  'data.unknownType': {
    en: 'not an IDX file: unknown data type 0x{type} (magic number {magic})',
    fr: 'ce n’est pas un fichier IDX : type de données 0x{type} inconnu (nombre magique {magic})',
  },
  'data.unsupportedType': {
    en: 'IDX files of {what} (type 0x{type}) are not supported; only unsigned bytes (0x08)',
    fr: 'les fichiers IDX de {what} (type 0x{type}) ne sont pas pris en charge ; seulement les octets non signés (0x08)',
  },
  'data.type.int8': { en: 'signed bytes', fr: 'octets signés' },
  'data.type.int16': { en: '16-bit integers', fr: 'entiers 16 bits' },
  'data.type.int32': { en: '32-bit integers', fr: 'entiers 32 bits' },
  'data.type.float32': { en: '32-bit floats', fr: 'flottants 32 bits' },
  'data.type.float64': { en: '64-bit floats', fr: 'flottants 64 bits' },
  'data.wrongDimsImages': {
    en: '3 dimensions expected for images, found {found}{looksLike}',
    fr: '3 dimensions attendues pour des images, mais le fichier en a {found}{looksLike}',
  },
  'data.wrongDimsLabels': {
    en: '1 dimension expected for labels, found {found}{looksLike}',
    fr: '1 dimension attendue pour des étiquettes, mais le fichier en a {found}{looksLike}',
  },
  'data.looksLikeLabels': { en: ' (this looks like a labels file)', fr: ' (cela ressemble à un fichier d’étiquettes)' },
  'data.looksLikeImages': { en: ' (this looks like an images file)', fr: ' (cela ressemble à un fichier d’images)' },
  'data.dimsRange': {
    en: 'the header declares {count} dimensions; 1 to {max} are supported',
    fr: 'l’en-tête déclare {count} dimensions ; de 1 à {max} sont prises en charge',
  },
  'data.truncatedHeaderOne': {
    en: 'truncated header: 1 dimension needs {header} header bytes but the file has only {bytes}',
    fr: 'en-tête tronqué : 1 dimension demande {header} octets d’en-tête mais le fichier n’en a que {bytes}',
  },
  'data.truncatedHeader': {
    en: 'truncated header: {count} dimensions need {header} header bytes but the file has only {bytes}',
    fr: 'en-tête tronqué : {count} dimensions demandent {header} octets d’en-tête mais le fichier n’en a que {bytes}',
  },
  'data.dimTooLarge': {
    en: 'dimension {index} is {size} — too large (at most {max})',
    fr: 'la dimension {index} vaut {size} : c’est trop (au plus {max})',
  },
  'data.totalTooLarge': {
    en: 'dimensions {dims} make {total} values — too large (at most {max})',
    fr: 'les dimensions {dims} font {total} valeurs : c’est trop (au plus {max})',
  },
  'data.truncated': {
    en: 'truncated: header says {claim} but the file holds {bytes} bytes after its header',
    fr: 'fichier tronqué : l’en-tête annonce {claim} mais le fichier ne contient que {bytes} octets après l’en-tête',
  },
  'data.trailing': {
    en: '{extra} unexpected trailing bytes: header says {claim} but the file holds {bytes} bytes after its header',
    fr: '{extra} octets en trop à la fin : l’en-tête annonce {claim} mais le fichier contient {bytes} octets après l’en-tête',
  },
  'data.claim.images': { en: '{count} images of {size} ({bytes} of pixels)', fr: '{count} images de {size} ({bytes} de pixels)' },
  'data.claim.labels': { en: '{count} labels ({bytes})', fr: '{count} étiquettes ({bytes})' },
  'data.claim.values': { en: '{dims} values ({bytes})', fr: '{dims} valeurs ({bytes})' },
  'data.bytesOne': { en: '1 byte', fr: '1 octet' },
  'data.bytes': { en: '{count} bytes', fr: '{count} octets' },
});
