/** Strings of the export dialog (lazy-loaded with it, so not in the main bundle's table). */
import type { Lang } from '../state/app-state.ts';

const en = {
  title: 'Export a map image',
  size: 'Size',
  custom: 'Custom size',
  width: 'Width (px)',
  height: 'Height (px)',
  limit: 'This browser can render images up to {max} × {max} pixels.',
  tooLarge: '{w} × {h} is larger than this browser can render; {fw} × {fh} works.',
  format: 'Format',
  png: 'PNG image',
  pdf: 'PDF (print)',
  lang: 'Language',
  showTitle: 'Title',
  showSubtitle: 'Subtitle',
  legend: 'Legend of the visible layers',
  export: 'Export',
  close: 'Close',
  working: 'Rendering…',
  phase_fonts: 'Loading fonts…',
  phase_style: 'Drawing the base map…',
  phase_layers: 'Drawing the layers…',
  phase_idle: 'Finishing the map…',
  phase_compose: 'Adding title, legend and sources…',
  phase_encode: 'Encoding the image…',
  phase_pdf: 'Making the PDF…',
  phase_done: 'Done',
  done: 'Saved {file} ({w} × {h}, {size}) in {seconds} s.',
  failed: 'Export failed: {detail}',
  note: 'Rendered at full resolution off-screen; the map on the page does not change.',
};

const zh: typeof en = {
  title: '导出地图图片',
  size: '尺寸',
  custom: '自定义尺寸',
  width: '宽（像素）',
  height: '高（像素）',
  limit: '此浏览器最大可渲染 {max} × {max} 像素的图片。',
  tooLarge: '{w} × {h} 超出此浏览器的渲染能力；可用 {fw} × {fh}。',
  format: '格式',
  png: 'PNG 图片',
  pdf: 'PDF（打印）',
  lang: '语言',
  showTitle: '标题',
  showSubtitle: '副标题',
  legend: '可见图层的图例',
  export: '导出',
  close: '关闭',
  working: '正在渲染…',
  phase_fonts: '正在加载字体…',
  phase_style: '正在绘制底图…',
  phase_layers: '正在绘制图层…',
  phase_idle: '正在完成地图…',
  phase_compose: '正在添加标题、图例和来源…',
  phase_encode: '正在编码图片…',
  phase_pdf: '正在生成 PDF…',
  phase_done: '完成',
  done: '已保存 {file}（{w} × {h}，{size}），用时 {seconds} 秒。',
  failed: '导出失败：{detail}',
  note: '在后台以完整分辨率渲染；页面上的地图不会改变。',
};

export type ExportStringKey = keyof typeof en;

export function xt(lang: Lang, key: ExportStringKey, params?: Record<string, string | number>): string {
  const s = (lang === 'zh' ? zh : en)[key];
  return params ? s.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m)) : s;
}
