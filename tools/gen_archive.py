#!/usr/bin/env python3
"""Writes a synthetic Jekyll post archive for benchmarks, deterministically.

    tools/gen_archive.py OUT_DIR --posts N --seed S

Writes N files to OUT_DIR/_posts/YYYY-MM-DD-<slug>.md|.html: YAML front matter (title, date in
the shapes real archives use, author, from: URL over a few dozen source sites, tags and
categories as flow lists) and a body, ~70% Markdown paragraphs and ~30% raw HTML (with an ad
slot and a script). Text is mostly simplified Chinese drawn from a Zipf-weighted vocabulary
(pseudo-words over ~3,000 common characters, real words and recurring names such as 香港,
联合国, 习近平, 新冠疫情), with some traditional characters, kana, Latin words and numbers, and a
Zipf-weighted tail of 5,500 rarer ideographs (names, places) so that the number of distinct
characters grows with the archive (6,300 at 10k posts, 8,800 at 100k, as in real news archives);
some posts are traditional-leaning, Japanese or English. Dates spread over 2015-2024.
A few odd files are included: CRLF line ends, no front matter (the `[title](url)` + `------`
shape), an empty file, unparseable and missing dates, a BOM, and one huge single-line body.
The same N and seed give byte-identical files whatever --jobs is: post i draws from its own
random stream seeded by (seed, i) (Python 3 stdlib only; no hash-order dependence).
"""
import argparse
import bisect
import datetime
import itertools
import multiprocessing
import os
import random
import sys

# ---- character tables -----------------------------------------------------------------------

# Frequent simplified characters, roughly most frequent first; GB2312 level 1 fills up the rest.
TOP_SIMPLIFIED = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过"
    "发后作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前"
    "开但因只从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重"
    "并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常"
    "先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报"
    "才结反受目太量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼"
    "书非则听白却界达光放强即像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术"
    "领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失"
    "转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技"
    "际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显"
    "吧阿李标谈吃图念六引历首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投"
    "某案黑维革划敌致陈律足态护七兴派孩验责营星够章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇"
    "察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属"
    "坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急"
    "血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略"
    "范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘"
    "读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控税左右份穿艺背阵草脚概恶块顿敢守酒岛"
    "托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮露永呼味野"
    "架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗"
    "固席松秘谢鲁遇康虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输"
    "摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁"
    "阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸诸训私庄祖丝翻暴森塔默握戏"
    "隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趣曲刀床迎冰虚玩析窗醒妻透购替塞"
    "努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍"
    "页杰筑折郑贝尊吴秀混臣雅振染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵蓝讯疫苗援"
)
TOP_TRADITIONAL = (
    "國際們這來說為會時對經發現與過還後開關問題長東車門見話語讀書學應實點體灣華當進動種樣麼從將無於"
    "員區統黨選舉權軍議總層導報業產傳記錄萬錢內變設許愛聽認識幾讓覺醫藥療護臺並軟網絡電腦視廣播遊戲"
    "歷濟條規則確聯機構節藝術驗單陸島亞歐條兩個難辦據協義樂親氣愛觀處風間隊戰擊達結線務標準據顯嚴"
)
N_SIMPLIFIED = 3000
N_TRADITIONAL = 500
N_RARE = 5500
RARE_RATE = 0.003  # share of words that are a rare character (a name, a place)


def dedupe(chars):
    seen, out = set(), []
    for c in chars:
        if c not in seen:
            seen.add(c)
            out.append(c)
    return out


def simplified_chars(rng):
    """~3,000 common simplified characters: the typed top list, then GB2312 level 1 shuffled."""
    level1 = []
    for hi in range(0xB0, 0xD8):
        for lo in range(0xA1, 0xFF):
            try:
                level1.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    top = dedupe(TOP_SIMPLIFIED)
    top_set = set(top)
    rest = [c for c in level1 if c not in top_set]
    rng.shuffle(rest)
    return (top + rest)[:N_SIMPLIFIED]


def traditional_chars(rng):
    """~500 traditional forms: the typed list, then Big5 level-1 characters absent from GB2312."""
    extra = []
    for hi in range(0xA4, 0xC7):
        for lo in itertools.chain(range(0x40, 0x7F), range(0xA1, 0xFF)):
            try:
                c = bytes([hi, lo]).decode("big5")
            except UnicodeDecodeError:
                continue
            try:
                c.encode("gb2312")
            except UnicodeEncodeError:
                extra.append(c)
    top = dedupe(TOP_TRADITIONAL)
    top_set = set(top)
    rest = [c for c in extra if c not in top_set]
    rng.shuffle(rest)
    return (top + rest)[:N_TRADITIONAL]


def rare_chars(rng, taken):
    """The long tail: GB2312 level 2 first, then the rest of the URO block, Zipf-ranked by a shuffle."""
    level2 = []
    for hi in range(0xD8, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                level2.append(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    other = [chr(c) for c in range(0x4E00, 0x9FA6)]
    out, seen = [], set(taken)
    for group in (level2, other):
        group = [c for c in group if c not in seen]
        rng.shuffle(group)
        seen.update(group)
        out += group
    return out[:N_RARE]


KANA = [chr(c) for c in range(0x3041, 0x3094)] + [chr(c) for c in range(0x30A1, 0x30F7)] + ["ー"]

# ---- vocabulary ---------------------------------------------------------------------------

FUNCTION_CHARS = list("的了是在和有也就都而及与对将被把从向这那个不人他她我你说上中到等为以之其于年月日")
GENERIC_WORDS = (
    "我们 他们 一个 没有 这个 表示 政府 记者 报道 今天 已经 可以 因为 所以 但是 如果 问题 发展 国家 人民 社会 "
    "工作 情况 目前 需要 认为 指出 时间 地区 方面 进行 关系 世界 包括 官员 消息 此前 声明 周一 周二 周三 周四 "
    "周五 周末 昨天 去年 今年 据悉 来源 新闻 媒体 网站 采访 他说 她说 之后 之前 以来 成为 继续 同时 通过 计划 "
    "决定 提出 要求 支持 反对 重要 主要 可能 不能 还有 其中 一些 很多 这些 那些 方式 发生 相关 负责 部门 国际 "
    "安全 领导 会议 合作 经济 历史 文化 教育 医院 学生 城市 北京 上海 广州 深圳 日本 韩国 印度 澳大利亚 加拿大 "
    "中国 美国 香港 疫情 军队 法律 法院 警方 调查 事件 网友 视频 照片 评论 文章 作者 编辑 读者 专家 学者 研究"
).split()
TOPICS = {
    "hk": "香港 示威 示威者 警察 立法会 国安法 民主派 抗议 特首 林郑月娥 游行 港府 香港警方 选举",
    "covid": "新冠疫情 疫情 疫苗 疫苗援助 病毒 感染 确诊 病例 口罩 隔离 世卫组织 武汉 封城 核酸检测",
    "uschina": "美国 中国 特朗普 拜登 贸易战 关税 华为 制裁 白宫 外交部 国务院 中美关系 蓬佩奥",
    "un": "联合国 国际社会 安理会 人权 决议 联合国大会 秘书长 古特雷斯 人权理事会 难民",
    "leaders": "习近平 李克强 总书记 中共中央 全国人大 政治局 中国共产党 国家主席 讲话 会见",
    "taiwan": "台湾 蔡英文 民进党 国民党 两岸 台北 台海 立法院 统一",
    "econ": "经济 股市 增长 通胀 人民币 央行 投资 企业 市场 房地产 出口 债务 利率",
    "tech": "科技 互联网 手机 芯片 数据 人工智能 公司 平台 用户 网络 审查",
    "xinjiang": "新疆 维吾尔 人权 集中营 再教育营 强迫劳动 棉花 乌鲁木齐",
    "europe": "欧盟 英国 德国 法国 俄罗斯 普京 乌克兰 北约 布鲁塞尔 默克尔",
}
TOPIC_LATIN = {
    "hk": ["Hong Kong", "HK", "protest"], "covid": ["COVID-19", "covid", "Pfizer", "WHO", "vaccine"],
    "uschina": ["Trump", "Biden", "China", "Huawei", "tariff"], "un": ["UN", "United Nations", "Guterres"],
    "leaders": ["Xi Jinping", "CCP"], "taiwan": ["Taiwan", "DPP", "KMT"], "econ": ["GDP", "IMF", "NASDAQ"],
    "tech": ["iPhone", "Apple", "Google", "5G", "AI", "TikTok", "Twitter", "Facebook"],
    "xinjiang": ["Xinjiang", "Uyghur"], "europe": ["EU", "NATO", "Brexit", "Putin"],
}
ENGLISH_WORDS = (
    "the of and to in a is that for on said it with as was he by at from his an be have has are this "
    "but not they were which had its after been would will their more government people year new two "
    "first last also about over than who other one into police state officials told week country "
    "president minister according report city public health between against during under since "
    "china chinese hong kong beijing trump biden covid vaccine virus pandemic protest protesters "
    "united nations human rights security trade economy market taiwan xinjiang lockdown election "
    "national law court press freedom reporters foreign ministry spokesman statement data company "
    "officials wednesday thursday friday monday tuesday cases outbreak infections million billion percent"
).split()
JAPANESE_WORDS = (
    "こと ます です した ている について によると 東京 日本 政府 首相 新型コロナウイルス ワクチン 中国 香港 "
    "オリンピック 記者 会見 発表 問題 経済 関係 感染 対策 緊急事態 宣言 国際 社会 それ これ ため よう から まで"
).split()
SITES = [
    "www.bbc.com/zhongwen/simp", "cn.nytimes.com", "www.rfa.org/mandarin", "www.voachinese.com",
    "www.dw.com/zh", "cn.wsj.com", "www.ftchinese.com", "www.zaobao.com.sg", "www.rfi.fr/cn",
    "theinitium.com", "www.thestandnews.com", "news.mingpao.com", "www.hk01.com", "www.cna.com.tw",
    "www.storm.mg", "www.twreporter.org", "www.chinatimes.com", "udn.com/news", "www.epochtimes.com",
    "www.ntdtv.com", "china.caixin.com", "www.thepaper.cn", "www.guancha.cn", "news.sina.com.cn",
    "www.chinanews.com.cn", "www.yicai.com", "www.jiemian.com", "www.reuters.com", "apnews.com",
    "www.nikkei.com", "www3.nhk.or.jp", "www.asahi.com", "www.scmp.com", "www.theguardian.com",
    "matters.news", "www.cool3c.com", "www.ithome.com", "36kr.com",
]
AUTHORS = ["编辑部", "本台记者", "特约评论员", "记者 王明", "记者 李华", "张伟", "陈静", "林晓", "刘洋",
           "Reuters", "AP", "国际新闻组", "海外版编辑", "吴小平", "黄思远", "佐藤健", "评论部", "newsbot"]
CATEGORIES = ["news", "国际", "中国", "港澳", "台湾", "财经", "科技", "评论", "观点", "社会", "文化"]
# Traditional spellings of recurring words, used in traditional-leaning posts (so that searching the
# simplified form finds them only through traditional -> simplified folding).
TRAD_FORMS = dict(pair.split("=") for pair in (
    "中国=中國 美国=美國 台湾=臺灣 联合国=聯合國 习近平=習近平 国际社会=國際社會 国家=國家 经济=經濟 选举=選舉 "
    "国安法=國安法 立法会=立法會 国务院=國務院 贸易战=貿易戰 关税=關稅 华为=華為 总书记=總書記 两岸=兩岸 "
    "国民党=國民黨 民进党=民進黨 维吾尔=維吾爾 俄罗斯=俄羅斯 欧盟=歐盟 英国=英國 德国=德國 法国=法國 人权=人權 "
    "决议=決議 确诊=確診 隔离=隔離 世卫组织=世衛組織 疫苗援助=疫苗援助 示威者=示威者 抗议=抗議 游行=遊行 "
    "记者=記者 报道=報道 问题=問題 发展=發展 社会=社會 国际=國際 领导=領導 会议=會議 历史=歷史 媒体=媒體 "
    "讲话=講話 会见=會見 这个=這個 我们=我們 他们=他們 没有=沒有 时间=時間 关系=關係 计划=計劃 决定=決定 "
    "认为=認為 指出=指出 进行=進行 负责=負責 部门=部門 军队=軍隊 调查=調查 网友=網友 视频=視頻 评论=評論"
).split())
PUNCT_MID = "，，，，，、、；："
PUNCT_END = "。。。。。。。？！"
DATE_SHAPES = ["iso_z", "nano_offset", "day", "space_offset", "iso_offset"]


class Vocab:
    """Zipf-weighted word lists; choices are drawn in bulk with cumulative weights (fast)."""

    def __init__(self, rng):
        simp = simplified_chars(rng)
        trad = traditional_chars(rng)
        char_cw = list(itertools.accumulate(1.0 / (r + 10) for r in range(len(simp))))
        trad_cw = list(itertools.accumulate(1.0 / (r + 10) for r in range(len(trad))))

        def pseudo(pool, cw, count):
            lengths = rng.choices([1, 2, 2, 2, 2, 3, 3, 4], k=count)
            chars = rng.choices(pool, cum_weights=cw, k=sum(lengths))
            out, k = [], 0
            for n in lengths:
                out.append("".join(chars[k:k + n]))
                k += n
            return out

        topic_words = []
        for name in TOPICS:  # dict order is fixed
            topic_words += TOPICS[name].split()
        words = dedupe(GENERIC_WORDS) + pseudo(simp, char_cw, 14000)
        # Topic words also occur, less often, outside their topic: insert them at mid ranks.
        for w in topic_words:
            words.insert(rng.randrange(150, 3000), w)
        self.words = FUNCTION_CHARS + words
        self.words_cw = list(itertools.accumulate(1.0 / (r + 3) ** 1.05 for r in range(len(self.words))))
        self.trad_words = pseudo(trad + simp[:300], list(itertools.accumulate(
            [1.0 / (r + 10) for r in range(len(trad))] + [0.4 / (r + 10) for r in range(300)])), 3000)
        self.trad_cw = list(itertools.accumulate(1.0 / (r + 2) for r in range(len(self.trad_words))))
        self.rare = rare_chars(rng, set(simp) | set(trad))
        self.rare_cw = list(itertools.accumulate(1.0 / (r + 30) ** 1.4 for r in range(len(self.rare))))
        kana_cw = list(itertools.accumulate(1.0 / (r + 5) for r in range(len(KANA))))
        self.kana_words = JAPANESE_WORDS + pseudo(KANA, kana_cw, 1500)
        self.kana_cw = list(itertools.accumulate(1.0 / (r + 2) for r in range(len(self.kana_words))))
        self.english_cw = list(itertools.accumulate(1.0 / (r + 2) for r in range(len(ENGLISH_WORDS))))
        del trad_cw


class Generator:
    def __init__(self, seed):
        self.seed = seed
        self.rng = random.Random(seed)
        self.v = Vocab(self.rng)
        self.site_shape = {s: self.rng.choice(DATE_SHAPES) for s in SITES}
        self.site_slug = {s: self.rng.choice(["latin", "number", "title"]) for s in SITES}

    def seed_post(self, i):
        """Each post has its own stream, so posts can be made in any order or process."""
        self.rng = random.Random(f"folio-gen/{self.seed}/{i}")

    # -- text --------------------------------------------------------------------------
    def number(self):
        r = self.rng
        k = r.randrange(6)
        if k == 0:
            return f"{r.randrange(2010, 2025)}年"
        if k == 1:
            return f"{r.randrange(1, 13)}月{r.randrange(1, 29)}日"
        if k == 2:
            return f"{r.randrange(1, 100)}.{r.randrange(10)}%"
        if k == 3:
            return f"{r.randrange(1, 999):,}{r.choice(['人', '万', '亿', '例', '名', '美元'])}"
        if k == 4:
            return str(r.randrange(2, 5000))
        return f"{r.randrange(1, 1000)},{r.randrange(1000):03d}"

    def chinese_sentence(self, style):
        """style: dict with topic words, latin words, extra pools and their rates."""
        r = self.rng
        n = r.randrange(6, 26)
        words = r.choices(self.v.words, cum_weights=self.v.words_cw, k=n)
        out = []
        since_comma = 0
        for w in words:
            x = r.random()
            if x < style["topic_rate"]:
                w = r.choice(style["topic_words"])
            elif x < style["topic_rate"] + style["trad_rate"]:
                w = r.choices(self.v.trad_words, cum_weights=self.v.trad_cw)[0]
            elif x < style["topic_rate"] + style["trad_rate"] + style["kana_rate"]:
                w = r.choices(self.v.kana_words, cum_weights=self.v.kana_cw)[0]
            elif x < style["topic_rate"] + style["trad_rate"] + style["kana_rate"] + 0.025:
                w = r.choice(style["latin"])
                w = f" {w} " if r.random() < 0.5 else w
            elif x > 0.985:
                w = self.number()
            elif x > 0.985 - RARE_RATE:
                w = r.choices(self.v.rare, cum_weights=self.v.rare_cw, k=r.randrange(1, 3))
                w = w[0] + "".join(w[1:]) + r.choice(["", "", "某", "氏", "县", "村", "镇", "山"])
            elif x > 0.978:
                w = f"“{w}{r.choice(style['topic_words'])}”" if r.random() < 0.7 else f"《{w}》"
            if style["trad"] and r.random() < 0.9:
                w = TRAD_FORMS.get(w, w)
            out.append(w)
            since_comma += 1
            if since_comma >= 4 and r.random() < 0.22:
                out.append(r.choice(PUNCT_MID))
                since_comma = 0
        while out and out[-1] in PUNCT_MID:
            out.pop()
        return "".join(out).strip() + r.choice(PUNCT_END)

    def english_sentence(self, style):
        r = self.rng
        words = r.choices(ENGLISH_WORDS, cum_weights=self.v.english_cw, k=r.randrange(8, 24))
        if r.random() < 0.5:
            words.insert(r.randrange(len(words)), r.choice(style["latin"]))
        s = " ".join(words)
        return s[0].upper() + s[1:] + r.choice("...?")

    def paragraph(self, style):
        sent = self.english_sentence if style["english"] else self.chinese_sentence
        sep = " " if style["english"] else ""
        return sep.join(sent(style) for _ in range(self.rng.randrange(2, 7)))

    def title(self, style):
        r = self.rng
        if style["english"]:
            words = r.choices(ENGLISH_WORDS, cum_weights=self.v.english_cw, k=r.randrange(5, 12))
            words.insert(r.randrange(len(words)), r.choice(style["latin"]))
            return " ".join(w.capitalize() if i == 0 or r.random() < 0.4 else w for i, w in enumerate(words))
        parts = []
        for _ in range(r.randrange(3, 8)):
            x = r.random()
            if x < 0.35:
                parts.append(r.choice(style["topic_words"]))
            elif x < 0.35 + style["kana_rate"] * 3:
                parts.append(r.choices(self.v.kana_words, cum_weights=self.v.kana_cw)[0])
            elif x < 0.35 + style["trad_rate"] * 3:
                parts.append(r.choices(self.v.trad_words, cum_weights=self.v.trad_cw)[0])
            else:
                parts.append(r.choices(self.v.words, cum_weights=self.v.words_cw)[0])
        if style["trad"]:
            parts = [TRAD_FORMS.get(p, p) for p in parts]
        t = "".join(parts)
        if r.random() < 0.2:
            t = r.choice(style["topic_words"]) + r.choice(["：", "｜", " - ", "："]) + t
        if r.random() < 0.05:
            t += " " + r.choice(style["latin"])
        return t

    # -- a post --------------------------------------------------------------------------
    def date(self):
        r = self.rng
        # 2015..2024, most posts in 2019..2022 as in the real archives.
        year = r.choices(range(2015, 2025), weights=[2, 2, 3, 4, 8, 16, 18, 12, 6, 4])[0]
        start = datetime.datetime(year, 1, 1, tzinfo=datetime.timezone.utc)
        return start + datetime.timedelta(seconds=r.randrange(365 * 86400), milliseconds=r.randrange(1000))

    def format_date(self, dt, shape):
        if shape == "iso_z":
            return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"
        cst = dt.astimezone(datetime.timezone(datetime.timedelta(hours=8)))
        if shape == "nano_offset":
            return cst.strftime("%Y-%m-%d %H:%M:%S") + ".000000000 +08:00"
        if shape == "space_offset":
            return cst.strftime("%Y-%m-%d %H:%M:%S +0800")
        if shape == "iso_offset":
            return cst.strftime("%Y-%m-%dT%H:%M:%S+08:00")
        return cst.strftime("%Y-%m-%d")

    def style(self):
        r = self.rng
        names = list(TOPICS)
        chosen = r.sample(names, r.choice([1, 1, 2, 2, 3]))
        topic_words, latin = [], []
        for t in chosen:
            topic_words += TOPICS[t].split()
            latin += TOPIC_LATIN[t]
        kind = r.random()
        return {
            "topics": chosen, "topic_words": topic_words, "latin": latin,
            "topic_rate": r.uniform(0.04, 0.14),
            "trad": 0.80 <= kind < 0.90,  # ~10% traditional-leaning: traditional word forms and characters
            "trad_rate": 0.35 if 0.80 <= kind < 0.90 else 0.01,
            "kana_rate": 0.35 if 0.90 <= kind < 0.93 else 0.002,  # ~3% Japanese
            "english": 0.93 <= kind < 0.97,  # ~4% English
        }

    def markdown_body(self, style, target):
        r = self.rng
        out, size = [], 0
        while size < target:
            x = r.random()
            if x < 0.06:
                block = "## " + self.title(style)
            elif x < 0.10:
                block = "> " + self.paragraph(style)
            elif x < 0.14:
                block = "\n".join("- " + self.chinese_sentence(style) for _ in range(r.randrange(2, 5)))
            elif x < 0.17:
                block = f"![{r.choice(style['topic_words'])}](https://img.example.com/{r.randrange(10**8)}.jpg)"
            else:
                block = self.paragraph(style)
                if r.random() < 0.1:
                    block += f" [{r.choice(['原文', '链接', '详情', 'source'])}](https://{r.choice(SITES)}/a/{r.randrange(10**6)})"
            out.append(block)
            size += len(block.encode())
        return "\n\n".join(out) + "\n"

    def html_body(self, style, target):
        r = self.rng
        out, size = [], 0
        ad_at = r.randrange(1, 4)
        while size < target:
            if len(out) == ad_at:
                out.append('<div id="dfp-ad-1" class="ad-slot"><span>广告</span><script>'
                           "googletag.cmd.push(function(){googletag.display('dfp-ad-1');});</script></div>")
            x = r.random()
            if x < 0.07:
                block = f"<h2>{self.title(style)}</h2>"
            elif x < 0.11:
                block = (f'<figure><img src="https://img.example.com/{r.randrange(10**8)}.jpg" alt="">'
                         f"<figcaption>{self.chinese_sentence(style)}</figcaption></figure>")
            else:
                block = f"<p>{self.paragraph(style)}</p>"
            out.append(block)
            size += len(block.encode())
        out.append("<script>window.dataLayer=window.dataLayer||[];dataLayer.push({'event':'article_view','id':"
                   f"{r.randrange(10**7)}}});</script>")
        return "\n".join(out) + "\n"

    def post(self, i):
        r = self.rng
        site = SITES[r.randrange(len(SITES))]
        style = self.style()
        dt = self.date()
        title = self.title(style)
        # Bodies: typically 1-4 KB, a few short and a few long ones.
        x = r.random()
        target = r.randrange(150, 900) if x < 0.04 else r.randrange(6000, 20000) if x > 0.96 else r.randrange(900, 4000)
        html = r.random() < 0.3
        body = self.html_body(style, target) if html else self.markdown_body(style, target)
        tags = r.sample(style["topic_words"], min(len(style["topic_words"]), r.randrange(0, 4)))
        cats = r.sample(CATEGORIES, r.randrange(1, 3))
        if r.random() < 0.3 or ": " in title or title[:1] in "[{\"'&*!|>%@`#-?":
            title_line = '"' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
        else:
            title_line = title
        url = f"https://{site}/{dt.strftime('%Y/%m/%d')}/{r.randrange(10**6, 10**7)}{i}.html"
        fm = [
            "---",
            "layout: post",
            f"title: {title_line}",
            f"date: {self.format_date(dt, self.site_shape[site])}",
            f"author: {r.choice(AUTHORS)}",
            f"from: {url}",
            f"tags: [{', '.join(tags)}]",
            f"categories: [{', '.join(cats)}]",
            "---",
        ]
        slug_kind = self.site_slug[site]
        if slug_kind == "number":
            slug = str(r.randrange(10**5, 10**8))
        elif slug_kind == "title":
            slug = "".join(c for c in title if c.isalnum())[:40] or "post"
        else:
            slug = "-".join(r.choices(["china", "hong-kong", "covid", "us", "un", "taiwan", "news", "world",
                                       "economy", "tech", "vaccine", "protest", "xi", "trade"], k=r.randrange(2, 5)))
        name = f"{dt.strftime('%Y-%m-%d')}-{slug}.{'html' if html else 'md'}"
        return name, "\n".join(fm) + "\n\n" + body, (title, url, body)


# Odd files at fixed indices (when the archive is big enough to hold them): index -> kind.
ODD_FILES = {7: "crlf", 13: "no-front-matter", 29: "empty", 41: "bad-date", 43: "no-date", 47: "bom",
             53: "huge-line"}
HUGE_LINE_BYTES = 2 << 20  # one paragraph with no line break, well under folio's 8 MB file limit

_worker_gen = None


def make_odd(gen, kind, name, text, title, url, body):
    if kind == "no-front-matter":
        # Mirrored news without front matter: a linked title, an underline, the body.
        return name.rsplit(".", 1)[0] + ".md", f"[{title}]({url})\n------\n\n" + body
    if kind == "empty":
        return name, ""
    if kind == "crlf":
        return name, text.replace("\n", "\r\n")
    if kind == "bad-date":
        # A date no parser accepts; the file name has no date either.
        text = text.replace("\ndate: ", "\ndate: 2020-13-45 25:61 +08:00\nold_date: ", 1)
        return "undated-" + name[11:], text
    if kind == "no-date":
        lines = [l for l in text.split("\n") if not l.startswith("date: ")]
        return "nodate-" + name[11:], "\n".join(lines)
    if kind == "bom":
        return name, "\ufeff" + text
    if kind == "huge-line":
        style = gen.style()
        parts, size = [], 0
        while size < HUGE_LINE_BYTES:
            p = gen.paragraph(style)
            parts.append(p)
            size += len(p.encode())
        return name.rsplit(".", 1)[0] + ".md", text.split("\n---\n", 1)[0] + "\n---\n\n" + "".join(parts) + "\n"
    raise ValueError(kind)


def make_posts(args):
    """Posts [start, end) as (name, bytes), in order; runs in a worker process."""
    seed, start, end, odd = args
    global _worker_gen
    if _worker_gen is None or _worker_gen.seed != seed:
        _worker_gen = Generator(seed)
    gen = _worker_gen
    out = []
    for i in range(start, end):
        gen.seed_post(i)
        name, text, (title, url, body) = gen.post(i)
        if odd and i in ODD_FILES:
            name, text = make_odd(gen, ODD_FILES[i], name, text, title, url, body)
        out.append((name, text.encode("utf-8")))
    return out


def main():
    ap = argparse.ArgumentParser(description="Write a deterministic synthetic Jekyll archive.")
    ap.add_argument("out_dir")
    ap.add_argument("--posts", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes (output does not depend on it)")
    args = ap.parse_args()
    if args.posts < 0:
        ap.error("--posts must be >= 0")

    posts_dir = os.path.join(args.out_dir, "_posts")
    os.makedirs(posts_dir, exist_ok=True)
    odd = args.posts > max(ODD_FILES)
    chunk = 500
    tasks = [(args.seed, a, min(a + chunk, args.posts), odd) for a in range(0, args.posts, chunk)]
    names = set()
    total_bytes = 0

    def write(batch):
        nonlocal total_bytes
        for name, data in batch:
            base, ext = name.rsplit(".", 1)
            k = 1
            while name in names:
                k += 1
                name = f"{base}-{k}.{ext}"
            names.add(name)
            with open(os.path.join(posts_dir, name), "wb") as f:
                f.write(data)
            total_bytes += len(data)

    if args.jobs > 1 and len(tasks) > 1:
        with multiprocessing.Pool(min(args.jobs, len(tasks))) as pool:
            for batch in pool.imap(make_posts, tasks):  # in task order, so names dedupe the same way
                write(batch)
    else:
        for t in tasks:
            write(make_posts(t))
    print(f"gen_archive: {args.posts} files, {total_bytes} bytes in {posts_dir} (seed {args.seed})")


if __name__ == "__main__":
    sys.exit(main())
