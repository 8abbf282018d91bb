from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.letter_page, name="letter"),
    path("start/", views.letter_start, name="start"),
    path("details/", views.letter_details, name="details"),
    path("sections/<slug:key>/", views.section_edit, name="section"),
    path("sections/<slug:key>/history/", views.section_history, name="history"),
    path("sections/<slug:key>/qa-comment/", views.qa_comment, name="qa-comment"),
    path("quality-assurance/", views.submit_for_qa, name="submit"),
    path("review/", views.qa_review, name="review"),
    path("send/", views.send_draft, name="send"),
    path("factual-accuracy/", views.accuracy, name="accuracy"),
    path("factual-accuracy/submit/", views.comments_submit, name="comments-submit"),
    path("factual-accuracy/extension/", views.extension, name="extension"),
    path("factual-accuracy/comments/<int:comment_id>/", views.comment_change, name="comment"),
    path(
        "factual-accuracy/comments/<int:comment_id>/answer/",
        views.comment_respond,
        name="respond",
    ),
    path("finalise/", views.finalise, name="finalise"),
]
