#!/usr/bin/env python3
"""Generate benchmark articles for `jibao extract`: paragraphs of economic
news built from sentence patterns written for jibao (not copied from any
article), with random regions, periods and figures. Usage:
    generate.py OUT_DIR [MEGABYTES] [FILES] [PROSE_SHARE]
PROSE_SHARE is the share of sentences without figures: 0.73 (the default)
gives one statistic per ~190 bytes, as in the three articles of
../shared/corpus (141, 157 and 351 bytes a statistic); 0.55 gives one per
~108 bytes, a denser text than any of them.
Deterministic (fixed seed), so runs compare."""
import os
import random
import sys

REGIONS = ["天桥区", "槐荫区", "市中区", "历城区", "历下区", "长清区", "章丘区", "济阳区",
           "莱芜区", "钢城区", "平阴县", "商河县", "济南高新区", "济南市", "郴州高新区"]
PERIODS = ["{y}年", "{y}年前三季度", "{y}年一季度", "{y}年上半年", "{y}年1-10月", "{y}年前11个月",
           "前三季度", "今年以来"]
PATTERNS = [
    "{p}，{r}实现地区生产总值{a}亿元，同比增长{g}%。",
    "{p}，{r}完成固定资产投资{a}亿元，增长{g}%，其中工业投资{b}亿元。",
    "全区{n}个省级、{m}个市级重点项目分别完成投资{a}亿元、{b}亿元，完成率达{g}%、{h}%。",
    "{r}新开工项目{n}个，总投资{a}亿元，年度计划投资{b}亿元。",
    "{p}，{r}规上工业增加值增长{g}%，高于全市{d}个百分点。",
    "该区新增市场主体{c}万户，引进青年人才{k}余人，新增就业约{k}人。",
    "{r}进出口总额{a}亿元，同比下降{d}%，占全市比重为{g}%。",
    "项目总建筑面积{c}万平方米，占地{k}亩，预计实现年产值{a}亿元。",
    "一个个项目拔地而起，建设者们正以奔跑的姿态加速项目建设，跑出了发展的加速度。",
    "聚焦主导产业，坚持招大引强，持续优化营商环境，推动高质量发展取得新成效。",
    "{r}一般公共预算收入{b}亿元，增长{g}%；税收收入占比达到{h}%。",
    "2023年12月28日，项目主体结构封顶，咨询电话0531-88886666。",
]
# Running prose without figures, as most of an article is (PROSE_SHARE of
# the sentences).
PROSE = [
    "新年伊始，各大园区到处涌动着发展的热潮，建设现场机械轰鸣、塔吊林立，一派繁忙景象。",
    "围绕主导产业延链补链强链，持续壮大新动能，加快培育和发展新质生产力，推动经济实现质的有效提升。",
    "坚持项目为王，强化要素保障，用足用好专项债券和金融工具等政策资源，破解项目建设难题。",
    "深化放管服改革，优化营商环境，提供全生命周期服务，让企业在这里安心发展、放心投资。",
    "加快建设现代化产业体系，打造一批具有核心竞争力的产业集群，为全市发展大局作出更大贡献。",
]


def fig(lo, hi, dec=1):
    return f"{random.uniform(lo, hi):.{dec}f}"


PROSE_SHARE = 0.73


def sentence():
    if random.random() < PROSE_SHARE:
        return random.choice(PROSE)
    y = random.choice([2022, 2023, 2024])
    return random.choice(PATTERNS).format(
        p=random.choice(PERIODS).format(y=y), r=random.choice(REGIONS),
        a=fig(10, 2000), b=fig(1, 500), c=fig(1, 50, 2), g=fig(0.5, 30), h=fig(50, 130),
        d=fig(0.1, 5), n=random.randint(2, 200), m=random.randint(2, 200),
        k=random.randint(100, 9000))


def main():
    out = sys.argv[1]
    megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 64
    files = int(sys.argv[3]) if len(sys.argv) > 3 else 64
    global PROSE_SHARE
    if len(sys.argv) > 4:
        PROSE_SHARE = float(sys.argv[4])
    random.seed(20240101)
    os.makedirs(out, exist_ok=True)
    per_file = int(megabytes * 1024 * 1024 / files)
    for i in range(files):
        with open(os.path.join(out, f"article{i:04d}.txt"), "w", encoding="utf-8") as f:
            size = 0
            while size < per_file:
                para = "".join(sentence() for _ in range(random.randint(2, 6))) + "\n"
                f.write(para)
                size += len(para.encode("utf-8"))


main()
