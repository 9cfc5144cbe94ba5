/**
 * The default story: a walk through the five documents, from the 2015
 * implementation plan's two directions to the 2020 joint statement. Every
 * quote is verbatim from `seeds/documents/` (checked by `tests/unit/story.test.ts`).
 */
import type { Story } from '../story.ts';

const PLAN = 'implementation-plan-2015.zh.txt';
const REPORT = 'progress-report-2017.en.txt';
const COMMUNIQUE = 'communique-2017.en.txt';
const STATEMENT = 'joint-statement-2020.en.txt';

export const healthSilkRoad = {
  id: 'health-silk-road',
  title: { en: 'The Health Silk Road, 2015–2020', zh: '健康丝绸之路（2015—2020）' },
  chapters: [
    {
      id: 'overview',
      title: { en: 'A Health Silk Road', zh: '打造“健康丝绸之路”' },
      text: {
        en: 'In 2015 China’s health commission set out a three-year plan for health cooperation along the Belt and Road: two directions, priority countries and a list of key projects, all aimed at building a “Health Silk Road”.',
        zh: '2015年，国家卫生计生委制定“一带一路”卫生交流合作三年实施方案：两个走向、重点国家和一批重点项目，目标是打造“健康丝绸之路”。',
      },
      camera: { center: [80, 30], zoom: 2.1, bearing: 0, pitch: 0 },
      layers: ['priority-countries', 'corridors', 'directions'],
      highlight: [],
      sources: [{ doc: PLAN, quote: '促进我国及沿线国家卫生事业发展，打造“健康丝绸之路”，为“一带一路”建设提供有力支持并作出应有贡献。' }],
    },
    {
      id: 'economic-belt',
      title: { en: 'The Silk Road Economic Belt', zh: '丝绸之路经济带' },
      text: {
        en: 'Overland, the focus is Central and Eastern Europe and Central Asia, radiating to West Asia. The Czech Republic, Russia, Mongolia and the Central Asian countries are the priority countries; the China–CEEC health ministers’ forum and the SCO are the main mechanisms.',
        zh: '陆上以中东欧和中亚为重点区域，辐射西亚；以捷克、俄罗斯、蒙古和中亚国家为重点国家，以中国-中东欧国家卫生部长论坛和上合组织为主要合作机制。',
      },
      camera: { center: [62, 50], zoom: 2.6, bearing: 0, pitch: 0 },
      layers: ['mechanisms', 'priority-countries', 'directions'],
      filters: { direction: 'belt' },
      mechanisms: ['mech-china-ceec', 'mech-sco'],
      highlight: ['direction-belt', 'priority-belt-cz', 'priority-belt-ru', 'priority-belt-mn', 'priority-belt-kz'],
      sources: [{ doc: PLAN, quote: '一是“丝绸之路经济带”沿线：以中东欧和中亚为重点区域，辐射西亚，以捷克、俄罗斯、蒙古和中亚作为重点国家，以中国-中东欧国家卫生部长论坛和上合组织为主要合作机制。' }],
    },
    {
      id: 'maritime-silk-road',
      title: { en: 'The 21st-Century Maritime Silk Road', zh: '21世纪海上丝绸之路' },
      text: {
        en: 'By sea, the focus is South and Southeast Asia, with ASEAN, India, Pakistan, Australia and Fiji as priority countries. Cooperation runs through China–ASEAN, the Greater Mekong Subregion, Lancang–Mekong, APEC and two economic corridors.',
        zh: '海上以南亚和东南亚为重点区域，以东盟、印度、巴基斯坦、澳大利亚和斐济为重点国家，依托中国-东盟、大湄公河次区域、澜湄合作、亚太经合组织和两条经济走廊开展合作。',
      },
      camera: { center: [115, 2], zoom: 2.4, bearing: 0, pitch: 0 },
      layers: ['priority-countries', 'directions'],
      filters: { direction: 'maritime' },
      highlight: ['direction-maritime', 'priority-maritime-in', 'priority-maritime-pk', 'priority-maritime-au', 'priority-maritime-fj'],
      sources: [{ doc: PLAN, quote: '二是“21世纪海上丝绸之路”沿线：以南亚和东南亚为重点区域，以东盟、印度、巴基斯坦、澳大利亚和斐济为重点国家，以中国-东盟、大湄公河次区域经济合作、澜湄合作、亚太经合组织、中巴经济走廊和孟中印缅经济走廊为主要合作机制。' }],
    },
    {
      id: 'corridors',
      title: { en: 'Six economic corridors', zh: '六大经济走廊' },
      text: {
        en: 'By 2017 the progress report saw a strategic layout of health cooperation serving the six economic corridors and the fulcrum countries. The plan names two of them, China–Pakistan and Bangladesh–China–India–Myanmar, as mechanisms of the maritime direction.',
        zh: '2017年进展报告指出，服务六大经济走廊和沿线支点国家的卫生合作战略布局已初步形成。实施方案将中巴经济走廊和孟中印缅经济走廊列为海上方向的主要合作机制。',
      },
      camera: { center: [85, 38], zoom: 2.5, bearing: 0, pitch: 0 },
      layers: ['corridors', 'directions'],
      highlight: ['corridor-cpec', 'corridor-bcim'],
      sources: [
        { doc: REPORT, quote: 'The strategic layout of health cooperation serving the six major economic corridors and fulcrum countries along the line has initially taken shape on a multi bilateral basis.' },
        { doc: PLAN, quote: '以中国-东盟、大湄公河次区域经济合作、澜湄合作、亚太经合组织、中巴经济走廊和孟中印缅经济走廊为主要合作机制' },
      ],
    },
    {
      id: 'mekong',
      title: { en: 'Disease control along the Mekong', zh: '湄公河流域疾病防控' },
      text: {
        en: 'With Guangxi and Yunnan, China works with the Greater Mekong Subregion on joint surveillance of infectious diseases, on HIV/AIDS, malaria, dengue, plague, avian influenza and tuberculosis, and on containing resistance to artemisinin malaria drugs.',
        zh: '中国联合广西、云南等边境省份，与大湄公河次区域国家开展传染病联合监测，加强艾滋病、疟疾、登革热、鼠疫、禽流感和结核病等防控合作，并联防青蒿素类抗疟药抗药性。',
      },
      camera: { center: [102, 18], zoom: 4.3, bearing: 0, pitch: 0 },
      layers: ['disease-zones', 'projects'],
      highlight: ['zone-mekong-surveillance', 'zone-artemisinin-resistance', 'project-06', 'project-08'],
      sources: [
        { doc: PLAN, quote: '根据2015年与大湄公河次区域国家续签的《关于湄公河流域疾病监测合作的谅解备忘录》，联合广西、云南等边境省份，进一步推进与大湄公河次区域国家开展传染性疾病的联合监测合作' },
        { doc: REPORT, quote: '41 major projects have been implemented, especially in the Greater Mekong sub region countries' },
      ],
    },
    {
      id: 'central-asia',
      title: { en: 'Central Asia', zh: '中亚' },
      text: {
        en: 'Using the SCO platform and Xinjiang’s position, China works with Central Asian countries against zoonoses such as echinococcosis and plague, towards cross-border outbreak reporting, and builds hospitals such as the “Shaanxi Village” hospital in Kazakhstan.',
        zh: '中国利用上合组织平台和新疆的地理优势，与中亚国家合作防控包虫病、鼠疫等人畜共患病，建立跨境疫情通报制度，并援建哈萨克斯坦“陕西村”医院等项目。',
      },
      camera: { center: [72, 43], zoom: 3.7, bearing: 0, pitch: 0 },
      layers: ['priority-countries', 'disease-zones', 'hospitals', 'projects'],
      highlight: ['zone-central-asia-zoonoses', 'project-05', 'hospital-shaanxi-village-korday'],
      sources: [
        { doc: REPORT, quote: 'Cooperating with Central Asian countries in the prevention and control of zoonosis, such as echinococcosis and plague.' },
        { doc: PLAN, quote: '利用上合组织这一平台和新疆的地理优势，进一步拓展与中亚、西亚国家在传染病防控领域的交流合作，建立跨境传染病疫情通报制度和卫生应急处置协调机制' },
      ],
    },
    {
      id: 'chinese-medicine',
      title: { en: 'Chinese medicine centres', zh: '海外中医药中心' },
      text: {
        en: 'The China–Czech TCM Centre in Hradec Králové opened during the first China–CEEC Health Ministers’ Forum in 2015; centres at Jihlava and Plzeň followed. By 2017 Chinese medicine centres stood in Central and Eastern Europe and in ASEAN countries.',
        zh: '2015年首届中国-中东欧国家卫生部长论坛期间，中国-捷克中医中心在赫拉德茨-克拉洛韦挂牌成立，伊赫拉瓦和比尔森的中医中心随后建设。至2017年，中医药中心已在中东欧和东盟国家建立。',
      },
      camera: { center: [60, 38], zoom: 5.6, bearing: 0, pitch: 0 },
      layers: ['priority-countries', 'events', 'tcm-centres'],
      // The Czech centres and, for the ASEAN countries the text names, the China–ASEAN centre in Nanning.
      highlight: ['tcm-china-czech-centre-hradec-kralove', 'tcm-jihlava-hospital-centre', 'tcm-plzen-regional-hospital-clinic-centre', 'tcm-china-asean-traditional-medicine-centre'],
      sources: [
        { doc: PLAN, quote: '2015年在首届中国-中东欧国家卫生部长论坛期间,“中国-捷克中医中心”正式挂牌成立，为中医药在捷克的发展创造良好条件。' },
        { doc: REPORT, quote: 'Chinese medicine center, has been established in the central and Eastern European countries and ASEAN countries' },
      ],
    },
    {
      id: 'training-and-aid',
      title: { en: 'Training and aid', zh: '人才培养与援助' },
      text: {
        en: 'The plan aimed at 1,000 health professionals exchanged or trained in three years; by 2017 more than 1,200 had been trained. Aid included free cataract surgery, through missions such as the “Brightness Journey”: more than 5,200 sight-restoring operations by 2017.',
        zh: '实施方案提出三年实现与沿线国家卫生人才交流和培养1000人次；至2017年已培养1200余名公共卫生管理和疾病防控人员。援助包括“光明行”等免费白内障手术，至2017年已为5200余名患者复明。',
      },
      camera: { center: [72, 18], zoom: 2.3, bearing: 0, pitch: 0 },
      layers: ['cataract-missions', 'training'],
      highlight: ['training-talent-exchange-and-training-goal', 'mission-beijing-tanzania', 'mission-kunming-mandalay'],
      sources: [
        { doc: PLAN, quote: '三年实现与沿线国家卫生人才交流和培养1000人次。' },
        { doc: REPORT, quote: 'cooperate with countries along the line to train more than 1200 public health management and disease prevention and control personnel' },
        { doc: REPORT, quote: 'implement free vision restoration surgery for more than 5200 cataracts in relevant countries' },
      ],
    },
    {
      id: 'beijing-communique',
      title: { en: 'The 2017 Beijing Communiqué', zh: '2017年北京公报' },
      text: {
        en: 'On 18 August 2017 health ministers and senior officials met in Beijing with WHO, UNAIDS, the OECD, Gavi and the Global Fund. Their communiqué commits the participants to forging a Health Silk Road together.',
        zh: '2017年8月18日，各国卫生部长和高级官员与世界卫生组织、联合国艾滋病规划署、经合组织、全球疫苗免疫联盟和全球基金代表在北京会晤，通过公报，共同致力于打造“健康丝绸之路”。',
      },
      camera: { center: [70, 38], zoom: 2, bearing: 0, pitch: 0 },
      layers: ['organisations', 'events'],
      highlight: ['event-2017-belt-and-road-high-level-meeting-health-cooperation', 'org-who'],
      sources: [
        { doc: COMMUNIQUE, quote: 'attended the Belt and Road High Level Meeting on Health Cooperation towards Health Silk Road in Beijing, China on August 18th 2017.' },
        { doc: COMMUNIQUE, quote: 'Our joint endeavor on the Belt and Road health cooperation, forging a Health Silk Road will provide new opportunities and impetus for international cooperation' },
      ],
    },
    {
      id: 'joint-statement-2020',
      title: { en: 'The 2020 joint statement', zh: '2020年联合声明' },
      text: {
        en: 'On 18 June 2020, ministers of the partner countries met by video to combat COVID-19 together. Under the heading “Towards a Health Silk Road” they pledged to share information and called COVID-19 vaccines global public goods.',
        zh: '2020年6月18日，各合作伙伴国部长举行视频会议，携手抗击新冠肺炎疫情。在“迈向健康丝绸之路”部分，他们承诺分享信息，并认为新冠疫苗应成为全球公共产品。',
      },
      camera: { center: [60, 22], zoom: 1.5, bearing: 0, pitch: 0 },
      layers: ['statement-2020', 'events'],
      highlight: ['event-2020-high-level-video-conference-covid-19', 'statement-cn'],
      sources: [
        { doc: STATEMENT, quote: 'held a video conference under the theme of “Belt and Road International Cooperation: Combating COVID-19 with Solidarity” on 18 June 2020.' },
        { doc: STATEMENT, quote: 'We believe that COVID-19 vaccines should be recognized as global public goods.' },
      ],
    },
  ],
} satisfies Story;
