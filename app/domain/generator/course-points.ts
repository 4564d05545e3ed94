/**
 * Points of the course that are not §A1 figures, scenarios or procedures, written as questions: the 16
 * scripted phrases of FACTS.md §D9 (fill in the blank, blanking the words that matter), the 9 service
 * principles (order and meaning), the 9 commitments, the 4 complaint techniques, the counts of §A3, and
 * the service standards and definitions of the etiquette and philosophy modules. Every entry is one point
 * (one family). Texts are verbatim from the courseware (phrases: verbatim from the manuals, company name
 * neutral); a cloze marks each blank as [[canonical|other accepted answer|…]].
 */

interface PointBase {
  id: string;
  module: string;
  section: string;
  explanation: string;
  tags: string[];
}

/** A fill-in-the-blank text. `scenario`: the scenario that asks for the same phrase (same family). */
export interface ClozePoint extends PointBase {
  kind: "cloze";
  text: string;
  scenario?: string;
}

/** Single choice: the key and three wrong answers of the same kind. */
export interface PickPoint extends PointBase {
  kind: "pick";
  stem: string;
  key: string;
  wrong: string[];
}

/** Multiple response: every right and wrong statement shown (5 in all), so the key count is chosen here. */
export interface SelectPoint extends PointBase {
  kind: "select";
  stem: string;
  right: string[];
  wrong: string[];
}

export interface OrderPoint extends PointBase {
  kind: "order";
  stem: string;
  steps: string[];
}

export interface MatchPoint extends PointBase {
  kind: "match";
  stem: string;
  pairs: [string, string][];
}

export interface CountPoint extends PointBase {
  kind: "count";
  /** With one blank `____` before the unit. */
  stem: string;
  value: number;
  unit: string;
}

export type CoursePoint = ClozePoint | PickPoint | SelectPoint | OrderPoint | MatchPoint | CountPoint;

const PHRASE = ["标准用语", "填空"];

/** FACTS.md §D9: the 16 scripted phrases. */
export const PHRASES: ClozePoint[] = [
  { kind: "cloze", id: "greeting", module: "telephone", section: "account-manager-phrases", tags: PHRASE,
    text: "客户经理接起电话时问候：“××公司，[[您好]]！我是[[客户经理]]××”",
    explanation: "先报公司名称、问好，再报本人身份“客户经理××”；声音要热诚、有精神。" },
  { kind: "cloze", id: "title-greeting", module: "telephone", section: "account-manager-phrases", tags: PHRASE,
    text: "确认客户后按职务称呼并问好（示例）：“方[[总经理]]您好，很久没同您联络，最近好吗？”",
    explanation: "通话中尽量以职务称呼客户，例如“方总经理”。" },
  { kind: "cloze", id: "anything-else", module: "telephone", section: "account-manager-phrases", tags: PHRASE, scenario: "phone-ending-the-call",
    text: "结束通话前先询问：“请问还有什么[[能帮到您|能帮您]]吗？”",
    explanation: "结束前先问客户还有没有其他需要，确认没有了再致谢道别。" },
  { kind: "cloze", id: "closing", module: "telephone", section: "account-manager-phrases", tags: PHRASE,
    text: "结束通话：“谢谢您的来电，我会[[依指示]]尽快给您处理。再见”",
    explanation: "致谢，并承诺按客户的指示尽快处理。" },
  { kind: "cloze", id: "absent-closing", module: "telephone", section: "account-manager-phrases", tags: PHRASE,
    text: "要找的人不在，记好留言后结束通话：“谢谢您的来电，我会尽快给您[[转达]]。再见”",
    explanation: "同事不在时，承诺的是尽快“转达”留言。" },
  { kind: "cloze", id: "colleague-busy", module: "telephone", section: "account-manager-phrases", tags: PHRASE, scenario: "phone-colleague-on-another-call",
    text: "要找的人正在通话：“您好！××正在接电话，请问您是[[等一会儿|稍等一会儿]]还是我帮您[[留言转告|留言]]？”",
    explanation: "把选择交给客户：稍等，或者留言转告。" },
  { kind: "cloze", id: "with-visitor", module: "telephone", section: "account-manager-phrases", tags: PHRASE, scenario: "phone-rings-during-visit",
    text: "正在会客时来电：“很抱歉，我正在[[会客]]，您先留下[[联系方式]]，我尽快给您回电”",
    explanation: "先致歉说明正在会客，请对方留下联系方式，承诺尽快回电。" },
  { kind: "cloze", id: "competitor", module: "telephone", section: "account-manager-phrases", tags: PHRASE, scenario: "phone-competitor-caller",
    text: "其他运营商来电：“对不起，我们已经确认您的身份，如您要咨询的问题，可以与我们的[[领导]]联系，并在[[正规场所]]进行交流”",
    explanation: "礼貌说明已确认对方身份，请其与公司领导联系、在正规场所交流，不在电话里回答业务问题。" },
  { kind: "cloze", id: "hotline-opening", module: "telephone", section: "hotline-phrases", tags: PHRASE, scenario: "phone-hotline-opening",
    text: "热线来电接起时：“[[您好]]！××公司。”",
    explanation: "热线接起先问好，再报公司名称，不说“喂”。" },
  { kind: "cloze", id: "silent-caller", module: "telephone", section: "hotline-phrases", tags: PHRASE, scenario: "phone-silent-caller",
    text: "对方不出声或没听清：“您好，这里是××公司[[客服中心]]，[[请讲]]。”",
    explanation: "报出客服中心，请对方讲话，而不是连声“喂”。" },
  { kind: "cloze", id: "quiet-customer", module: "telephone", section: "hotline-phrases", tags: PHRASE, scenario: "phone-quiet-customer",
    text: "客户声音较小：“对不起，请您[[重复一遍]]好吗？”",
    explanation: "先致歉，再请客户重复一遍，不要求客户“大点声”。" },
  { kind: "cloze", id: "slow-answer", module: "telephone", section: "hotline-phrases", tags: PHRASE, scenario: "phone-blamed-for-slow-answer",
    text: "客户责备应答慢：“对不起，电话[[较忙]]，让您[[久等了|久等]]。”",
    explanation: "致歉并说明电话较忙，不与客户争论快慢。" },
  { kind: "cloze", id: "thanks-suggestion", module: "telephone", section: "hotline-phrases", tags: PHRASE, scenario: "phone-customer-gives-suggestion",
    text: "客户提建议或表示感谢：“感谢您对××公司的[[支持]]，欢迎您[[继续关注]]，再见。”",
    explanation: "感谢客户的支持，欢迎继续关注。" },
  { kind: "cloze", id: "repetition-method", module: "complaints", section: "repetition-method", tags: [...PHRASE, "投诉技巧"],
    text: "重复法的参考说法：“我非常理解你现在的心情……在相关法律和公司条例范围内，我们会尽最大努力去争取……目前不能……但是，我们能做的是[[双倍返还]]”",
    explanation: "重复法反复说明“我们能做的”（例如双倍返还），不谈做不到的事，并始终在法律和公司条例范围内。" },
  { kind: "cloze", id: "hinting-method", module: "complaints", section: "hinting-method", tags: [...PHRASE, "投诉技巧"],
    text: "暗示法的参考说法：“我非常理解你现在的心情，和您一样着急。如果真的走法律程序，[[取证]]很重要，也比较难，还会发生不少[[费用]]，时间会较长，如何判定还不好说……不如……”",
    explanation: "暗示法讲的是走法律程序的取证难度、费用和时间，然后给出路（“不如……”）。向主管部门申诉不需要客户花钱，不能用这套话劝阻客户申诉。" },
  { kind: "cloze", id: "step-back-method", module: "complaints", section: "step-back-method", tags: [...PHRASE, "投诉技巧"],
    text: "以退为进法的参考说法：“我们也协助您寻找[[法律的依据|法律依据]]”“我非常愿意协助解决，但您的要求需要得到[[法律的支持|法律支持]]”“您在这方面还有什么[[建议]]？”",
    explanation: "先“退”：表示理解、愿意协助；再“进”：说明诉求需要法律依据，并请客户提出建议。" },
];

const PRINCIPLES: [string, string][] = [
  ["客户第一", "心里装着客户，尽力满足客户需求，以客户满意为目标"],
  ["主动热情", "带着微笑热情服务，主动和客户建立友好关系"],
  ["尊重客户", "弄清客户需求，主动提供合适的选择；不否定客户，不让客户尴尬"],
  ["积极负责", "对客户的问题和请求，以首问负责的态度积极回应"],
  ["快速响应", "对客户需求反应迅速，兑现对客户的承诺，保证问题及时解决"],
  ["确保效果", "给出正确的解决方案，帮客户真正解决问题，力争第一次就做好"],
  ["学习创新", "不断学习业务知识和服务技能，创新服务方式"],
  ["协同服务", "同事服务客户遇到困难、其他部门请求配合时，主动协助"],
  ["依法维权", "有依法维权的意识，维护客户和企业双方的合法权益"],
];

/** Which principle a meaning belongs to: distractors are the principles most often confused with it. */
const PRINCIPLE_CONFUSIONS: Record<string, string[]> = {
  客户第一: ["主动热情", "尊重客户", "确保效果"],
  主动热情: ["客户第一", "尊重客户", "协同服务"],
  尊重客户: ["客户第一", "主动热情", "依法维权"],
  积极负责: ["快速响应", "确保效果", "协同服务"],
  快速响应: ["积极负责", "确保效果", "客户第一"],
  确保效果: ["快速响应", "积极负责", "学习创新"],
  学习创新: ["确保效果", "协同服务", "主动热情"],
  协同服务: ["积极负责", "主动热情", "客户第一"],
  依法维权: ["尊重客户", "客户第一", "积极负责"],
};

const principleMeanings: PickPoint[] = PRINCIPLES.map(([name, meaning], i) => ({
  kind: "pick",
  id: `principle-${i + 1}`,
  module: "philosophy",
  section: "nine-principles",
  tags: ["服务行为准则"],
  stem: `九条服务行为准则中，哪一条的含义是：“${meaning}”？`,
  key: name,
  wrong: PRINCIPLE_CONFUSIONS[name],
  explanation: `这是第${i + 1}条“${name}”：${meaning}。`,
}));

export const COURSE_POINTS: CoursePoint[] = [
  ...PHRASES,
  // ---- philosophy
  { kind: "order", id: "nine-principles-order", module: "philosophy", section: "nine-principles", tags: ["服务行为准则", "排序"],
    stem: "请把九条服务行为准则按原文的顺序排列：", steps: PRINCIPLES.map(([n]) => n),
    explanation: "顺序是固定的：客户第一、主动热情、尊重客户（怎样对待客户）；积极负责、快速响应、确保效果（怎样处理问题）；学习创新、协同服务、依法维权（怎样要求自己）。" },
  ...principleMeanings,
  { kind: "count", id: "count-principles", module: "philosophy", section: "nine-principles", tags: ["数量"],
    stem: "营业服务教材列出的服务行为准则共有____条。", value: 9, unit: "条",
    explanation: "服务行为准则共九条，从“客户第一”到“依法维权”。" },
  { kind: "cloze", id: "first-pursuit", module: "philosophy", section: "customer-satisfaction", tags: ["服务理念"],
    text: "营业服务教材的服务理念：客户[[满意]]是我们的第一追求。",
    explanation: "服务理念是“客户满意是我们的第一追求”，以真诚服务、客户满意为准则。" },
  { kind: "cloze", id: "customer-first-outward", module: "philosophy", section: "customer-first", tags: ["服务理念"],
    text: "客服中心管理制度要求：对外树立“用户第一、[[服务至上]]”的思想；对内加强管理，层层落实责任，实行[[重奖重罚]]。",
    explanation: "第13条：对外用户第一、服务至上；对内层层负责、重奖重罚。" },
  { kind: "cloze", id: "service-style", module: "philosophy", section: "four-dimensions", tags: ["服务准则"],
    text: "服务准则的“服务风格”：[[个性化]]、特色化、[[亲情化]]，看到不同客户需求的差别，分别提供合适的服务。",
    explanation: "服务风格讲个性化、特色化、亲情化；服务态度讲以“情”取胜。" },
  { kind: "pick", id: "four-dimensions-attitude", module: "philosophy", section: "four-dimensions", tags: ["服务准则"],
    stem: "服务准则的四个维度中，要求“热情待客，靠‘情’取胜、以‘情’感人”的是哪一个？",
    key: "服务态度", wrong: ["服务风貌", "服务风格", "服务质量"],
    explanation: "服务态度：热情待客，靠“情”取胜、以“情”感人，做到积极、主动、耐心、细致、周到。" },
  { kind: "select", id: "service-ideas", module: "philosophy", section: "ideas-goals", tags: ["服务理念"],
    stem: "客户服务流程预案提出的四条客户服务理念包括以下哪些？（多选）",
    right: ["以客户为中心", "诚信为本", "持续改进"], wrong: ["成本优先", "先收费后服务"],
    explanation: "四条理念是：以客户为中心、诚信为本、持续改进、亲情服务。" },
  // ---- etiquette
  { kind: "cloze", id: "smile-service", module: "etiquette", section: "smile-service", tags: ["微笑服务"],
    text: "微笑服务要求：有问必答，[[百问不烦]]。",
    explanation: "客户问得再多、再重复，也要耐心回答。" },
  { kind: "pick", id: "first-basic-rule", module: "etiquette", section: "smile-service", tags: ["微笑服务"],
    stem: "营业人员礼仪规范中，第一条基本行为准则是什么？",
    key: "微笑服务", wrong: ["首问负责", "限时办结", "免填单服务"],
    explanation: "第一条基本行为准则是微笑服务；原文在这一条之后中断，其余各条不出题。" },
  { kind: "cloze", id: "neither-servile", module: "etiquette", section: "appearance", tags: ["服务标准"],
    text: "服务标准要求举止文雅大方，有分寸，[[不卑不亢]]。",
    explanation: "不卑不亢：既不低声下气，也不傲慢冷淡。" },
  { kind: "cloze", id: "putonghua", module: "etiquette", section: "language", tags: ["服务标准"],
    text: "服务过程中使用[[标准普通话|普通话]]，回答问题时声音清楚，态度自然大方。",
    explanation: "服务标准要求使用标准普通话。" },
  { kind: "pick", id: "wording-standard", module: "etiquette", section: "language", tags: ["服务标准"],
    stem: "客服中心服务标准对服务用语的要求是什么？",
    key: "准确、简洁、亲切、规范", wrong: ["热情、主动、耐心、周到", "清晰、简明、确切、礼貌", "个性化、特色化、亲情化"],
    explanation: "服务用语要准确、简洁、亲切、规范。“清晰、简明、确切、礼貌”是接听电话时交换意见的要求，“个性化、特色化、亲情化”是服务风格。" },
  { kind: "cloze", id: "manager-hotline", module: "etiquette", section: "customer-wrong", tags: ["服务标准"],
    text: "即使是客户错了，也不与客户争辩；必要时，请[[经理热线]]出面协调解决。",
    explanation: "不争辩不等于认错；僵持不下时交给经理热线协调。" },
  { kind: "cloze", id: "no-buck-passing", module: "etiquette", section: "attitude", tags: ["服务标准"],
    text: "工作心态：调整好心理状态，以饱满的热情对待工作，[[不推诿]]，[[不拖延]]。",
    explanation: "服务标准要求不推诿、不拖延。" },
  { kind: "cloze", id: "dress", module: "etiquette", section: "appearance", tags: ["服务标准"],
    text: "服务标准对着装的要求：服装合身、[[洁净]]、整齐、协调。",
    explanation: "服装合身、洁净、整齐、协调。" },
  { kind: "pick", id: "etiquette-definition", module: "etiquette", section: "what-is-service-etiquette", tags: ["服务礼仪"],
    stem: "关于服务礼仪，下列哪一种说法最准确？",
    key: "既包括仪容仪表、言谈举止，也包括服务意识",
    wrong: ["只包括仪容仪表、言谈举止等看得见的动作", "只是柜台人员的要求，热线坐席人员不需要", "是公司内部的考核制度，与客户感受无关"],
    explanation: "服务礼仪有看得见的部分（仪容仪表、言谈举止），也有看不见的部分（正确看待服务工作，树立服务意识并不断提高服务水平）。" },
  { kind: "select", id: "learning-aims", module: "etiquette", section: "learning-aims", tags: ["服务礼仪"],
    stem: "营业人员礼仪规范给出的学习目的包括以下哪些？（多选）",
    right: ["了解日常服务礼仪、交谈礼仪、仪容仪表和表情神态的基本要求", "理解服务礼仪的实际内涵", "认识到服务是提高企业竞争力的有效手段"],
    wrong: ["掌握向客户推销更多业务的话术技巧", "学会在客户有错时据理力争的方法"],
    explanation: "三个学习目的：了解基本要求；理解服务礼仪的实际内涵；认识到服务是公司运营不可缺少的一部分，是提高竞争力的有效手段。" },
  { kind: "pick", id: "what-is-etiquette", module: "etiquette", section: "what-is-etiquette", tags: ["服务礼仪"],
    stem: "一个人是否懂礼仪，按教材的说法，反映出他的什么？",
    key: "道德修养和文明程度", wrong: ["业务熟练程度", "学历和工作经验", "服务年限和职级"],
    explanation: "礼仪是社会交往中约定俗成的准则；是否懂礼仪，反映出一个人的道德修养和文明程度。" },
  { kind: "select", id: "taboos-phone", module: "etiquette", section: "taboos-phone", tags: ["服务禁忌"],
    stem: "以下哪些是通电话时的服务禁忌？（多选）",
    right: ["带着情绪接电话", "抢在客户之前挂断", "在客户用餐、休息的时间打电话", "在座席上接打私人电话"],
    wrong: ["确认客户挂机后再挂断"],
    explanation: "通电话时不带情绪接听，不抢先挂断，不在用餐、休息时间打电话，不在座席上接打私人电话；确认客户挂机后再挂断是正确做法。" },
  { kind: "select", id: "taboos-sales", module: "etiquette", section: "taboos-sales", tags: ["服务禁忌"],
    stem: "推广业务时，以下哪些做法是禁止的？（多选）",
    right: ["强行为客户订制 SP 业务"],
    wrong: ["用多种方式请客户二次确认订制", "如实、完整地告知资费和使用条件", "推出新业务前先考虑后续的支撑能力", "以客户的二次确认信息作为订购凭证"],
    explanation: "强行订制是明令杜绝的；其余四项都是应当做到的。" },
  // ---- business hall
  { kind: "count", id: "count-commitments", module: "business-hall", section: "commitments", tags: ["数量"],
    stem: "营业厅公示的服务承诺共有____项。", value: 9, unit: "项",
    explanation: "服务承诺共九项：公益、热线、免填单，导航、商务、宽带畅，详单、确认、首问办。" },
  { kind: "count", id: "count-public-notice", module: "business-hall", section: "public-notice", tags: ["数量"],
    stem: "营业厅必须公示的基本内容有____项。", value: 5, unit: "项",
    explanation: "服务公约、服务项目、资费标准、服务承诺、业务办理及使用须知，共五项（原文其后有“等”字）。" },
  { kind: "select", id: "public-notice-items", module: "business-hall", section: "public-notice", tags: ["营业厅公示"],
    stem: "以下哪些属于营业厅必须公示的内容？（多选）",
    right: ["服务公约", "资费标准"], wrong: ["员工绩效排名", "客户投诉记录", "分公司年度利润"],
    explanation: "必须公示的五项：服务公约、服务项目、资费标准、服务承诺、业务办理及使用须知。" },
  { kind: "cloze", id: "commitment-form-free", module: "business-hall", section: "form-free", tags: ["服务承诺"],
    text: "九项服务承诺之一：业务受理“[[免填单]]”服务，在所有自办营业厅，客户只需[[签字确认|签字]]。",
    explanation: "免的是“填单”，不是“签字”：客户核对无误后签字确认。" },
  { kind: "cloze", id: "commitment-navigation", module: "business-hall", section: "service-numbers", tags: ["服务承诺"],
    text: "衣食住行游信息便捷服务：“[[116114]]电话导航”为个人客户提供订票、订房、餐饮、娱乐等信息。",
    explanation: "116114电话导航：个人订票、订房、餐饮、娱乐；企事业单位信息发布。" },
  { kind: "cloze", id: "commitment-broadband-business", module: "business-hall", section: "commitments", tags: ["服务承诺"],
    text: "社会信息化服务：为政府机关、企事业单位提供“[[宽带商务]]”平台，包括OA办公、视频会议、进销存管理、客户关系管理。",
    explanation: "社会信息化服务指“宽带商务”平台。" },
  { kind: "cloze", id: "commitment-first-ask", module: "business-hall", section: "first-ask", tags: ["服务承诺"],
    text: "投诉“首问负责，[[限时办结]]”：客户第一个找到的人负责到底，并在承诺的时限内答复、处理完。",
    explanation: "首问负责、限时办结，及答复后回访。" },
  { kind: "select", id: "commitments-which", module: "business-hall", section: "commitments", tags: ["服务承诺"],
    stem: "以下哪些属于营业厅九项服务承诺？（多选）",
    right: ["业务受理“免填单”服务", "便捷的话费详单查询服务", "SP业务订制由客户确认", "宽带畅通服务"],
    wrong: ["116114电话导航免费拨打"],
    explanation: "九项承诺包括免填单、话费详单查询、SP订制由客户确认、宽带畅通等；原文没有说116114免费，免费承诺针对的是119、110、120、122等公益性通信服务。" },
  // ---- complaints
  { kind: "match", id: "techniques-targets", module: "complaints", section: "techniques", tags: ["投诉技巧", "匹配"],
    stem: "请为每种投诉处理技巧选出它的适用对象：",
    pairs: [
      ["重复法", "狮子大开口、提出过高赔偿的客户"],
      ["暗示法", "可能走申诉途径的客户"],
      ["以退为进法", "希望走法律途径的客户"],
      ["第四种方法（冷处理、转移话题）", "把高额赔偿当作筹码施压的客户"],
    ],
    explanation: "重复法对过高赔偿；暗示法对可能申诉的客户；以退为进法对希望走法律途径的客户；第四种方法（名称缺失）对把高要求当筹码的客户，须慎用。" },
  { kind: "count", id: "count-stages", module: "complaints", section: "three-stages", tags: ["数量"],
    stem: "投诉处理分为____个阶段。", value: 3, unit: "个",
    explanation: "三个阶段：接受投诉 → 理解澄清 → 解决处理。" },
  { kind: "count", id: "count-techniques", module: "complaints", section: "techniques", tags: ["数量"],
    stem: "投诉处理手册介绍的投诉处理技巧共有____种。", value: 4, unit: "种",
    explanation: "重复法、暗示法、以退为进法，以及名称缺失的第四种方法。" },
  { kind: "count", id: "count-sp-steps", module: "complaints", section: "sp-check-steps", tags: ["数量"],
    stem: "SP 业务投诉核查分为____步。", value: 2, unit: "步",
    explanation: "第一步核查订制关系和二次确认记录；第二步，判定违规的双倍返还相关费用。" },
  { kind: "select", id: "appeal-channels", module: "complaints", section: "appeal-channels", tags: ["申诉"],
    stem: "客户提出申诉，可以通过以下哪些渠道？（多选）",
    right: ["公司服务质量监督电话", "市消协", "工信部客户申诉中心"], wrong: ["竞争对手的客服热线", "营业员的私人手机"],
    explanation: "申诉渠道包括公司服务质量监督电话、市消协、市通管局客户申诉中心、集团公司、工信部客户申诉中心。" },
  { kind: "select", id: "complaint-kpis", module: "complaints", section: "complaint-kpis", tags: ["考核指标"],
    stem: "投诉工作重点监控的考核指标包括以下哪些？（多选）",
    right: ["客户投诉率", "重大申诉率", "企责事件"], wrong: ["营业厅客流量", "业务办理笔数"],
    explanation: "重点监控客户投诉率、重大申诉率和企责事件。" },
  // ---- confidentiality
  { kind: "count", id: "count-confidentiality-rules", module: "confidentiality", section: "confidentiality-rules", tags: ["数量"],
    stem: "客服中心管理制度中的保密制度共____条（第26至32条）。", value: 7, unit: "条",
    explanation: "保密制度共七条，即第26条至第32条。" },
  { kind: "cloze", id: "rule-no-eavesdrop", module: "confidentiality", section: "confidentiality-rules", tags: ["保密"],
    text: "保密守则：严禁[[窃听电话|窃听]]；严禁在[[公共场所]]谈论工作中接触到的秘密事项。",
    explanation: "第27条：严禁窃听电话，严禁在公共场所谈论工作中接触到的秘密事项。" },
  { kind: "cloze", id: "rule-machine-room-number", module: "confidentiality", section: "confidentiality-rules", tags: ["保密"],
    text: "严禁把机房的[[保密电话号码|保密电话]]告诉外人。",
    explanation: "第28条：机房保密电话号码不外传，对“信得过的人”也一样。" },
  { kind: "cloze", id: "rule-ordinary-phone", module: "confidentiality", section: "confidentiality-rules", tags: ["保密"],
    text: "不用[[普通电话]]传达秘密事项。",
    explanation: "第30条：秘密事项再急，也不通过普通电话传达。" },
  { kind: "cloze", id: "rule-need-to-know", module: "confidentiality", section: "confidentiality-rules", tags: ["保密"],
    text: "不该问的秘密[[不问]]，不该听的秘密[[绝对不听|不听]]。",
    explanation: "第31条：知情的范围越小，泄露的风险越低。" },
  { kind: "cloze", id: "rule-storage", module: "confidentiality", section: "confidentiality-rules", tags: ["保密"],
    text: "不在[[不利于保密]]的地方存放秘密文件和资料。",
    explanation: "第32条：秘密文件、资料不放在无人看管或随便能翻到的地方。" },
  { kind: "cloze", id: "rule-state-secrets", module: "confidentiality", section: "confidentiality-rules", tags: ["保密"],
    text: "不泄露自己知道的[[党和国家秘密|党和国家的秘密]]。",
    explanation: "第29条：不泄露自己知道的党和国家秘密。" },
  { kind: "select", id: "confidentiality-which", module: "confidentiality", section: "confidentiality-rules", tags: ["保密"],
    stem: "以下哪些符合保密制度的要求？（多选）",
    right: ["秘密事项改用单位规定的保密渠道传递"],
    wrong: ["对信得过的老客户可以告知机房保密电话", "在餐馆里只跟一位朋友小声讲工作中的秘密", "秘密文件没看完，先压在键盘下面", "同事接入别人的通话时，在旁边听一听"],
    explanation: "秘密事项不通过普通电话传达；保密电话不外传，对谁都一样；公共场所不谈秘密；秘密文件放回规定地点；严禁窃听电话。" },
  // ---- call centre
  { kind: "cloze", id: "handover-liability", module: "call-centre", section: "handover-liability", tags: ["交接班"],
    text: "交接班中，因漏交引起的问题由[[交班人|交班者]]负责；因漏接引起的问题由[[接班人|接班者]]负责。",
    explanation: "漏交 → 交班人负责；漏接 → 接班人负责。" },
  { kind: "pick", id: "rules-interpretation", module: "call-centre", section: "governance-bodies", tags: ["制度"],
    stem: "客服中心管理制度的解释权属于哪个部门？",
    key: "省客服中心经营服务部", wrong: ["本地客服中心经营部", "中心副经理", "大班长"],
    explanation: "考核部门是本地客服中心的经营部，解释权属于省客服中心经营服务部。" },
  { kind: "select", id: "machine-room-rules", module: "call-centre", section: "machine-room", tags: ["机房制度"],
    stem: "以下哪些是机房制度禁止的？（多选）",
    right: ["在座席上接打私人电话", "在机台上放水杯", "未经允许锁闭电话"], wrong: ["节假日照常保持机房清洁", "穿工作服、工作鞋上岗"],
    explanation: "机房内不接打私人电话，机台上不放水杯和无关物品，工作时间未经允许不锁闭电话；节假日也要保持清洁，上岗穿工作服、工作鞋。" },
];
