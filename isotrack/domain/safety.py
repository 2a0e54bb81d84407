"""The safety notice (facts from design §6, NICE NG59 and NHS guidance; our own words)."""

SAFETY_LINE = (
    "isotrack is a logbook, not medical advice: let a clinician guide your rehab, and get help "
    "at once for the warning signs listed in the safety notice."
)

SAFETY_NOTICE = """\
**isotrack is not a diagnosis and not medical advice.** It keeps a record of your exercises and
pain. A physiotherapist or doctor should guide your rehabilitation.

**Get emergency care now** if you have back pain together with any of these:
- numbness or pins and needles around the genitals, buttocks or inner thighs;
- new difficulty passing urine, or losing control of your bladder or bowels;
- a change in sexual function;
- pain, numbness or weakness in both legs, or legs that are getting weaker;
- back pain after a bad fall or an accident;
- chest pain.

**See a doctor urgently** if you have back pain together with any of these:
- a fever, or weight loss you cannot explain;
- a lump, swelling or a change in the shape of your back;
- pain that is worse at night or does not ease when you rest;
- new pain after a small knock if you have osteoporosis or take steroids long term;
- a history of cancer.

**While exercising:** stop any exercise that takes your pain above 5 out of 10, and see a
clinician if your pain keeps climbing from one week to the next.

_Sources: NICE guideline NG59 (low back pain and sciatica); NHS guidance on cauda equina
syndrome._
"""
