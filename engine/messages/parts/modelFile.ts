import { defineMessages } from '../message';

/** Messages of this area, in both languages. */
export default defineMessages({
  // Limits on what a model file declares (engine/model/limits.ts, engine/io/layersModel.ts).
  'modelFile.tooManyLayers': {
    en: 'model.json declares {count} layers; Layerwise opens networks of at most {max} layers.',
    fr: 'model.json déclare {count} couches ; Layerwise ouvre des réseaux de {max} couches au plus.',
  },
  'modelFile.tooManyParams': {
    en: 'The network in model.json has {params} parameters; Layerwise handles at most {max}.',
    fr: 'Le réseau de model.json a {params} paramètres ; Layerwise en gère au plus {max}.',
  },
  'modelFile.tooMuchPerImage': {
    en: 'The network in model.json would need {mib} MiB of memory for each image (most of it in {layer}); Layerwise allows at most {max} MiB per image.',
    fr: 'Le réseau de model.json demanderait {mib} Mio de mémoire par image (surtout pour {layer}) ; Layerwise en permet au plus {max} Mio par image.',
  },
  'modelFile.hugeWeight': {
    en: '{file} holds the weight {value} in {weight}, far beyond what training produces (at most {max} in size): the file is damaged, or its weights were not trained.',
    fr: '{file} contient le poids {value} dans {weight}, bien au-delà de ce que produit un entraînement (au plus {max} en valeur absolue) : le fichier est endommagé, ou ses poids n’ont pas été entraînés.',
  },
  'modelFile.nonFiniteOutput': {
    en: 'The model’s outputs are not numbers (its weights are too large, or damaged), so it cannot predict. Train the network again.',
    fr: 'Les sorties du modèle ne sont pas des nombres (ses poids sont trop grands, ou endommagés) : il ne peut pas prédire. Entraînez de nouveau le réseau.',
  },
  'modelFile.outOfMemory': {
    en: 'There is not enough memory to run this model; close other programs, or use a smaller network.',
    fr: 'Il n’y a pas assez de mémoire pour faire fonctionner ce modèle ; fermez d’autres programmes, ou utilisez un réseau plus petit.',
  },
  // Reading and writing model folders (engine/node/modelFiles.ts, noFollow.ts).
  'modelFile.noModelJson': {
    en: 'There is no model.json in {folder}; a saved model is a folder with model.json and weights.bin.',
    fr: 'Il n’y a pas de model.json dans {folder} ; un modèle enregistré est un dossier contenant model.json et weights.bin.',
  },
  'modelFile.unreadable': { en: 'Could not read {file}: {reason}', fr: 'Impossible de lire {file} : {reason}' },
  'modelFile.isLink': {
    en: '{file} is a link to another place; Layerwise reads only real files, never links.',
    fr: '{file} est un lien vers un autre emplacement ; Layerwise ne lit que de vrais fichiers, jamais des liens.',
  },
  'modelFile.notAFile': {
    en: '{file} is not a regular file (it may be a pipe or a device); Layerwise reads only regular files.',
    fr: '{file} n’est pas un fichier ordinaire (peut-être un tube ou un périphérique) ; Layerwise ne lit que des fichiers ordinaires.',
  },
  'modelFile.folderIsLink': {
    en: 'The model folder {folder} is a link to another place; Layerwise does not follow links.',
    fr: 'Le dossier du modèle {folder} est un lien vers un autre emplacement ; Layerwise ne suit pas les liens.',
  },
  'modelFile.notAFolder': {
    en: '{folder} is not a folder; a saved model is a folder with model.json and weights.bin.',
    fr: '{folder} n’est pas un dossier ; un modèle enregistré est un dossier contenant model.json et weights.bin.',
  },
  'modelFile.jsonTooLarge': {
    en: 'model.json is {size} MB; Layerwise opens model.json files of at most {max} MB.',
    fr: 'model.json pèse {size} Mo ; Layerwise ouvre les fichiers model.json d’au plus {max} Mo.',
  },
  'modelFile.badJson': { en: 'model.json is not valid JSON ({reason}).', fr: 'model.json n’est pas du JSON valide ({reason}).' },
  'modelFile.weightsMissing': {
    en: 'The weights file {file} listed in model.json is missing from {folder}.',
    fr: 'Le fichier de poids {file} indiqué dans model.json est absent de {folder}.',
  },
  'modelFile.weightsTooLarge': {
    en: 'The weights are {size} MB; Layerwise opens models of at most {max} MB of weights.',
    fr: 'Les poids pèsent {size} Mo ; Layerwise ouvre les modèles d’au plus {max} Mo de poids.',
  },
  'modelFile.checksum': {
    en: '{file} does not match the checksum recorded in model.json: the file was changed or damaged.',
    fr: '{file} ne correspond pas à la somme de contrôle enregistrée dans model.json : le fichier a été modifié ou endommagé.',
  },
  'modelFile.badManifestPaths': {
    en: 'The weightsManifest in model.json has a "paths" entry that is not a list of file names.',
    fr: 'Le weightsManifest de model.json a une entrée « paths » qui n’est pas une liste de noms de fichiers.',
  },
  'modelFile.weightsOutside': {
    en: 'model.json refers to the weights file "{file}" outside the model folder; weight files must sit beside model.json.',
    fr: 'model.json désigne le fichier de poids « {file} » hors du dossier du modèle ; les fichiers de poids doivent être à côté de model.json.',
  },
  'modelFile.saveDiskFull': {
    en: 'Not enough disk space to save the model in {folder}.',
    fr: 'Pas assez d’espace disque pour enregistrer le modèle dans {folder}.',
  },
  'modelFile.saveNotAllowed': {
    en: 'Layerwise is not allowed to write to {folder}; choose another folder.',
    fr: 'Layerwise n’a pas le droit d’écrire dans {folder} ; choisissez un autre dossier.',
  },
  'modelFile.saveWriteFailed': {
    en: 'Could not save the model in {folder} (writing the files failed: {reason}).',
    fr: 'Impossible d’enregistrer le modèle dans {folder} (l’écriture des fichiers a échoué : {reason}).',
  },
  'modelFile.saveReplaceFailed': {
    en: 'Could not save the model in {folder} (replacing the files failed: {reason}).',
    fr: 'Impossible d’enregistrer le modèle dans {folder} (le remplacement des fichiers a échoué : {reason}).',
  },
  'modelFile.saveOverFile': {
    en: '{folder} is a file, not a model folder; choose another name.',
    fr: '{folder} est un fichier, pas un dossier de modèle ; choisissez un autre nom.',
  },
  'modelFile.saveOverLink': {
    en: '{folder} is a link to another place; Layerwise does not write through links. Choose another name.',
    fr: '{folder} est un lien vers un autre emplacement ; Layerwise n’écrit pas à travers les liens. Choisissez un autre nom.',
  },
  'modelFile.saveOverOtherFiles': {
    en: '{folder} already exists and holds other files (such as {file}); choose an empty folder or a new name.',
    fr: '{folder} existe déjà et contient d’autres fichiers (comme {file}) ; choisissez un dossier vide ou un autre nom.',
  },
  // Reading a TensorFlow.js layers-model (engine/io/layersModel.ts, kerasLayers.ts).
  'modelFile.notObject': {
    en: 'model.json does not hold a JSON object, so it is not a TensorFlow.js model.',
    fr: 'model.json ne contient pas d’objet JSON : ce n’est donc pas un modèle TensorFlow.js.',
  },
  'modelFile.wrongFormat': {
    en: 'model.json holds a TensorFlow.js {format} model; Layerwise opens only "layers-model" files (saved from a tf.sequential model).',
    fr: 'model.json contient un modèle TensorFlow.js {format} ; Layerwise n’ouvre que les fichiers « layers-model » (enregistrés depuis un modèle tf.sequential).',
  },
  'modelFile.cannotBuild': {
    en: 'model.json describes a network Layerwise cannot build. {problem}',
    fr: 'model.json décrit un réseau que Layerwise ne peut pas construire. {problem}',
  },
  'modelFile.weightsTruncated': {
    en: '{file} is truncated: expected {expected} bytes, found {found}.',
    fr: '{file} est tronqué : {expected} octets attendus, {found} trouvés.',
  },
  'modelFile.weightsTooLong': {
    en: '{file} is longer than model.json says: expected {expected} bytes, found {found}.',
    fr: '{file} est plus long que ce qu’annonce model.json : {expected} octets attendus, {found} trouvés.',
  },
  'modelFile.nonFinite': { en: '{file} contains {what} values in {name}.', fr: '{file} contient des valeurs {what} dans {name}.' },
  'modelFile.noTopology': {
    en: 'model.json has no modelTopology object, so it is not a TensorFlow.js layers model.',
    fr: 'model.json n’a pas d’objet modelTopology : ce n’est donc pas un modèle TensorFlow.js en couches.',
  },
  'modelFile.functional': {
    en: 'model.json holds a functional {cls} model; Layerwise opens only Sequential models (tf.sequential in TensorFlow.js, keras.Sequential in Keras).',
    fr: 'model.json contient un modèle fonctionnel {cls} ; Layerwise n’ouvre que les modèles Sequential (tf.sequential dans TensorFlow.js, keras.Sequential dans Keras).',
  },
  'modelFile.notSequential': {
    en: 'model.json holds a {cls} model; Layerwise opens only Sequential models.',
    fr: 'model.json contient un modèle {cls} ; Layerwise n’ouvre que les modèles Sequential.',
  },
  'modelFile.noLayerList': {
    en: 'The Sequential model in model.json has no "layers" list.',
    fr: 'Le modèle Sequential de model.json n’a pas de liste « layers ».',
  },
  'modelFile.inputLayerInside': {
    en: 'layer {n} is an InputLayer in the middle of the model; only the first layer may be one.',
    fr: 'la couche {n} est une InputLayer au milieu du modèle ; seule la première couche peut en être une.',
  },
  'modelFile.noInputShape': {
    en: 'model.json does not say what input the model takes (its first layer has no batch_input_shape).',
    fr: 'model.json n’indique pas quelle entrée le modèle attend (sa première couche n’a pas de batch_input_shape).',
  },
  'modelFile.inputNotImage': {
    en: 'The model takes inputs of shape {shape}; Layerwise models take vectors [features] or images [height, width, channels], such as [2] or [28, 28, 1].',
    fr: 'Le modèle attend des entrées de forme {shape} ; les modèles Layerwise prennent des vecteurs [caractéristiques] ou des images [hauteur, largeur, canaux], comme [2] ou [28, 28, 1].',
  },
  'modelFile.badInputShape': {
    en: "The model's input shape {shape} is not a list of positive whole numbers.",
    fr: 'La forme d’entrée du modèle, {shape}, n’est pas une liste de nombres entiers positifs.',
  },
  'modelFile.noManifest': { en: 'model.json has no weightsManifest list.', fr: 'model.json n’a pas de liste weightsManifest.' },
  'modelFile.noWeightList': {
    en: 'A weightsManifest group in model.json has no "weights" list.',
    fr: 'Un groupe du weightsManifest de model.json n’a pas de liste « weights ».',
  },
  'modelFile.unnamedWeight': {
    en: 'A weight in the weightsManifest of model.json has no name.',
    fr: 'Un poids du weightsManifest de model.json n’a pas de nom.',
  },
  'modelFile.badWeightShape': {
    en: 'The weight {name} in model.json has an invalid shape {shape}.',
    fr: 'Le poids {name} de model.json a une forme non valide : {shape}.',
  },
  'modelFile.weightDtype': {
    en: 'The weight {name} is stored as {dtype}; Layerwise reads float32 weights only.',
    fr: 'Le poids {name} est enregistré en {dtype} ; Layerwise ne lit que des poids float32.',
  },
  'modelFile.quantized': {
    en: 'The weight {name} is quantized; Layerwise reads unquantized float32 weights only.',
    fr: 'Le poids {name} est quantifié ; Layerwise ne lit que des poids float32 non quantifiés.',
  },
  'modelFile.duplicateWeight': { en: 'model.json lists the weight {name} twice.', fr: 'model.json cite deux fois le poids {name}.' },
  'modelFile.weightCount': {
    en: 'model.json lists {count} weights but the network needs {needed}: {names}.',
    fr: 'model.json cite {count} poids mais le réseau en demande {needed} : {names}.',
  },
  'modelFile.missingWeight': {
    en: 'model.json has no weights for {key} (shape {shape}).',
    fr: 'model.json n’a pas de poids pour {key} (forme {shape}).',
  },
  'modelFile.ambiguousWeight': {
    en: 'model.json lists more than one weight for {key}: {names}.',
    fr: 'model.json cite plusieurs poids pour {key} : {names}.',
  },
  'modelFile.extraWeights': {
    en: 'model.json lists weights that no layer of the network has: {names}.',
    fr: 'model.json cite des poids qu’aucune couche du réseau n’a : {names}.',
  },
  'modelFile.weightShape': {
    en: 'The weight {name} has shape {shape} in model.json, but {key} needs {needed}.',
    fr: 'Le poids {name} a la forme {shape} dans model.json, mais {key} demande {needed}.',
  },
  'modelFile.andMore': { en: '{names} and {more} more', fr: '{names} et {more} autres' },
  'modelFile.damaged': {
    en: 'The Layerwise information in model.json is damaged: {what}.',
    fr: 'Les informations Layerwise de model.json sont endommagées : {what}.',
  },
  'modelFile.metaNotObject': {
    en: 'userDefinedMetadata.layerwise is not an object',
    fr: 'userDefinedMetadata.layerwise n’est pas un objet',
  },
  'modelFile.formatVersionIs': { en: 'formatVersion is {value}', fr: 'formatVersion vaut {value}' },
  'modelFile.newer': {
    en: 'This model was saved by a newer version of Layerwise (format {version}); update Layerwise to open it.',
    fr: 'Ce modèle a été enregistré par une version plus récente de Layerwise (format {version}) ; mettez Layerwise à jour pour l’ouvrir.',
  },
  'modelFile.layer': { en: 'layer {n}', fr: 'la couche {n}' },
  'modelFile.layerNamed': { en: "layer {n} '{name}'", fr: 'la couche {n} « {name} »' },
  'modelFile.layerRefused': { en: '{layer} {why}', fr: '{layer} {why}' },
  'modelFile.why.noClassName': {
    en: 'has no class_name, so it is not a Keras layer.',
    fr: 'n’a pas de class_name : ce n’est donc pas une couche Keras.',
  },
  'modelFile.why.noConfig': { en: 'has no config object.', fr: 'n’a pas d’objet config.' },
  'modelFile.why.unsupported': {
    en: 'is a {cls} layer, which Layerwise does not support; supported: {supported}.',
    fr: 'est une couche {cls}, que Layerwise ne prend pas en charge ; couches prises en charge : {supported}.',
  },
  'modelFile.why.dtype': {
    en: 'computes in {dtype}; Layerwise works in float32 only.',
    fr: 'calcule en {dtype} ; Layerwise ne travaille qu’en float32.',
  },
  'modelFile.why.dataFormat': {
    en: 'uses data_format {format}; Layerwise supports only channels_last (height, width, channels).',
    fr: 'utilise data_format {format} ; Layerwise ne prend en charge que channels_last (hauteur, largeur, canaux).',
  },
  'modelFile.why.noSetting': { en: 'has no {key} setting.', fr: 'n’a pas de réglage {key}.' },
  'modelFile.why.activation': {
    en: 'uses the activation {activation}, which Layerwise does not have (it has linear, relu, tanh, sigmoid, softmax).',
    fr: 'utilise l’activation {activation}, que Layerwise n’a pas (il a linear, relu, tanh, sigmoid, softmax).',
  },
  'modelFile.why.lora': {
    en: 'uses LoRA (lora_rank), which Layerwise does not support.',
    fr: 'utilise LoRA (lora_rank), que Layerwise ne prend pas en charge.',
  },
  'modelFile.why.dilation': {
    en: 'uses dilation_rate {value}; Layerwise supports only undilated convolutions (1).',
    fr: 'utilise dilation_rate {value} ; Layerwise ne prend en charge que les convolutions non dilatées (1).',
  },
  'modelFile.why.groups': {
    en: 'uses groups {value}; Layerwise supports only groups 1.',
    fr: 'utilise groups {value} ; Layerwise ne prend en charge que groups 1.',
  },
  'modelFile.why.noiseShape': {
    en: 'sets noise_shape; Layerwise drops out each value independently.',
    fr: 'règle noise_shape ; Layerwise éteint chaque valeur indépendamment des autres.',
  },
  'modelFile.why.maxValue': {
    en: "caps its output at max_value {value}; Layerwise's ReLU has no cap.",
    fr: 'plafonne sa sortie à max_value {value} ; la ReLU de Layerwise n’a pas de plafond.',
  },
  'modelFile.why.threshold': {
    en: "uses threshold {value}; Layerwise's ReLU has threshold 0.",
    fr: 'utilise threshold {value} ; la ReLU de Layerwise a un seuil de 0.',
  },
  'modelFile.why.negativeSlope': {
    en: 'uses negative_slope {value}; use a LeakyReLU layer instead.',
    fr: 'utilise negative_slope {value} ; utilisez plutôt une couche LeakyReLU.',
  },
  'modelFile.why.softmaxAxis': {
    en: 'applies softmax over axis {axis}; Layerwise applies it over the last axis only.',
    fr: 'applique softmax sur l’axe {axis} ; Layerwise ne l’applique que sur le dernier axe.',
  },
  'modelFile.why.unreadable': { en: 'is not a layer Layerwise can read.', fr: 'n’est pas une couche que Layerwise sait lire.' },
  'modelFile.negativeVariance': {
    en: '{file} gives {weight} the negative value {value}; a variance is never below 0.',
    fr: '{file} donne à {weight} la valeur négative {value} ; une variance n’est jamais inférieure à 0.',
  },
  'modelFile.why.bnAxis': {
    en: 'normalizes over axis {axis}; Layerwise normalizes over the last axis only (axis -1, the features or channels).',
    fr: 'normalise selon l’axe {axis} ; Layerwise ne normalise que selon le dernier axe (axe -1, les caractéristiques ou canaux).',
  },
  'modelFile.why.bnCenterScale': {
    en: 'sets {key} to {value}; Layerwise always learns both gamma and beta (center and scale true).',
    fr: 'règle {key} à {value} ; Layerwise apprend toujours gamma et beta (center et scale à true).',
  },
  'modelFile.why.bnOption': {
    en: 'uses {key} {value}, which Layerwise’s batch normalization does not do.',
    fr: 'utilise {key} {value}, ce que la normalisation par lots de Layerwise ne fait pas.',
  },
  'modelFile.weightFileSet': { en: 'The set of weight files', fr: 'L’ensemble des fichiers de poids' },
});
