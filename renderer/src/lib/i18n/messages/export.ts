import type { MessagePart } from './index';

/** Taking the work out: the PNG / CSV buttons beside the views, and the comparison's lab report. */
const part: MessagePart = {
  en: {
    'export.pngHint': 'Save this picture as a PNG image',
    'export.csvHint': 'Save these numbers as a CSV table (for a spreadsheet)',
    'export.saved': 'Saved: {path}',
    'export.downloaded': 'Downloaded (see your browser’s downloads).',
    'export.report': 'Lab report',
    'export.reportHint': 'One HTML file comparing these runs: settings that differ, curves, results and each run’s network and notes. It opens offline and prints to PDF.',
  },
  fr: {
    'export.pngHint': 'Enregistrer cette image en PNG',
    'export.csvHint': 'Enregistrer ces nombres en tableau CSV (pour un tableur)',
    'export.saved': 'Enregistré : {path}',
    'export.downloaded': 'Téléchargé (voir les téléchargements du navigateur).',
    'export.report': 'Compte rendu',
    'export.reportHint': 'Un fichier HTML qui compare ces entraînements : réglages qui diffèrent, courbes, résultats, et le réseau et les notes de chacun. Il s’ouvre hors ligne et s’imprime en PDF.',
  },
};

export default part;
