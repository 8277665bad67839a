"""Who issues the office's documents and who receives them: names derived from the jurisdiction.

The joint conference's office sits in the justice bureau (司法局) of the county or district; its
documents go up to the leaders (报), across to the courts, the procuratorate and the city's office
(送), and down to the member units and townships (发), as the seeds' notices are addressed.
"""

from __future__ import annotations


def level(region: str) -> str:
    """县 / 区 / 市 / 旗, from the jurisdiction's own suffix (县司法局, 区司法局 …)."""
    return region[-1] if region and region[-1] in "县区市旗" else "县"


def office_name(region: str) -> str:
    return f"{region}府院府检联动联席会议办公室（{level(region)}司法局）"


def distribution(region: str) -> tuple[tuple[str, str], ...]:
    """The 版记 of a 简报: 报 (leaders), 送 (court, procuratorate, the city's office), 发 (members)."""
    x = level(region)
    towns = "各街道办事处、乡镇人民政府" if x == "区" else "各乡镇人民政府（街道办事处）"
    return (("报", f"{x}委、{x}人大常委会、{x}政府、{x}政协主要领导，{x}委、{x}政府分管领导"),
            ("送", f"市府院府检联动联席会议办公室，{x}人民法院，{x}人民检察院"),
            ("发", f"{x}府院府检联动联席会议各成员单位，{towns}"))


def notice_addressee(region: str) -> str:
    """主送 of a 通报: the member units and the townships."""
    x = level(region)
    towns = "各街道办事处、乡镇人民政府" if x == "区" else "各乡镇人民政府（街道办事处）"
    return f"{x}府院府检联动联席会议各成员单位，{towns}："


def notice_copies(region: str) -> tuple[tuple[str, str], ...]:
    """The 版记 of a 通报: 抄送 the leaders, the court and the procuratorate."""
    x = level(region)
    return (("抄送", f"{x}委、{x}政府主要领导和分管领导，{x}人民法院，{x}人民检察院"),)
