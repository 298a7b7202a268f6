package dev.gerbang;

import static dev.gerbang.DatabaseCommand.await;

import dev.gerbang.audit.Actor;
import dev.gerbang.content.ArticleFields;
import dev.gerbang.content.ArticleService;
import dev.gerbang.content.ArticleStatus;
import dev.gerbang.content.CategoryFields;
import dev.gerbang.content.CommentService;
import dev.gerbang.content.NewComment;
import dev.gerbang.content.PageQuery;
import dev.gerbang.content.TaxonomyService;
import dev.gerbang.db.Ids;
import dev.gerbang.notify.AdminMessage;
import dev.gerbang.notify.Broadcast;
import dev.gerbang.notify.BroadcastService;
import dev.gerbang.user.User;
import io.vertx.core.Vertx;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The demo's blog and inbox, so that every screen of the web app shows something: two categories, five published
 * articles and one draft by the demo editor, with tags, comments (two of them answered by a doctor), likes, and
 * the admins' welcome message to everyone. Seeded once: a forced re-seed finds the categories and leaves it.
 */
final class DemoBlog {
  static final String EDITOR = "putri@demo.gerbang.dev";
  /** slug, name, description. */
  private static final String[][] CATEGORIES = {
      {"health-tips", "Health tips", "Everyday advice from our doctors"},
      {"clinic-news", "Clinic news", "Opening hours, new services and people at the clinic"}};
  /** title, category, comma-separated tags, status, summary, Markdown body. */
  private static final String[][] ARTICLES = {
      {"Living well with asthma", "health-tips", "Asthma", "published", "Inhalers, triggers and when to come back.",
          "Asthma is common and **very treatable**. Three habits make the difference:\n\n"
              + "1. Use your preventer inhaler every day, even when you feel well.\n"
              + "2. Know your triggers: smoke, dust, cold air, a cold.\n"
              + "3. Come back when you need your reliever more than twice a week.\n\n"
              + "Bring your inhaler to your next check-up: we will look at your technique together."},
      {"Dengue season: what to watch for", "health-tips", "Dengue,Children", "published",
          "The warning signs after the fever, and what not to take.",
          "Dengue fever often seems to improve on day three to five, and that is when to watch closely.\n\n"
              + "Come to the clinic at once for **belly pain, vomiting, bleeding gums or unusual sleepiness**.\n\n"
              + "For the fever take paracetamol and plenty of fluids; avoid ibuprofen and aspirin."},
      {"Eating well during Ramadan", "health-tips", "Nutrition", "published", "Sahur, iftar and your medicines.",
          "A good *sahur* with slow carbohydrates and protein carries you through the day. Break the fast with water "
              + "and dates, then a normal meal.\n\nIf you take medicines for diabetes or blood pressure, talk to your "
              + "doctor before Ramadan: the doses and times may need to change."},
      {"Childhood vaccinations: the 2026 schedule", "health-tips", "Vaccination,Children", "published",
          "Which vaccine when, from birth to school.",
          "| Age | Vaccines |\n|---|---|\n| Birth | Hepatitis B, polio |\n| 2, 3, 4 months | DPT-HB-Hib, polio |\n"
              + "| 9 months | Measles-rubella |\n| 18 months | DPT-HB-Hib, measles-rubella boosters |\n\n"
              + "Bring the child's health book (*buku KIA*) to every visit."},
      {"Saturday opening hours from March", "clinic-news", "", "published", "Open on Saturday mornings.",
          "From March the clinic is open on **Saturdays from 08:00 to 12:00** for check-ups and vaccinations. "
              + "Book in the app or at the desk."},
      {"Our new paediatrics wing", "clinic-news", "Children", "draft", "A draft the editor is still writing.",
          "Coming soon: a waiting room for children, with toys and books, next to dr. Hendra's room."}};
  /** article index, author email, body, index of the comment it answers (or -1). */
  private static final Object[][] COMMENTS = {
      {0, "ayu@demo.gerbang.dev", "My inhaler technique was wrong for years. Thank you for this!", -1},
      {0, "sari@demo.gerbang.dev", "Glad it helped, Ayu. Bring the inhaler next time and we check it together.", 0},
      {1, "dedi@demo.gerbang.dev", "Is paracetamol safe for a child with dengue?", -1},
      {1, "hendra@demo.gerbang.dev", "Yes, at the dose on the box for the child's weight. Avoid ibuprofen and aspirin.", 2},
      {3, "rina@demo.gerbang.dev", "How do I find out which vaccines I already had?", -1},
      {4, "ayu@demo.gerbang.dev", "Saturdays are perfect for me, thank you.", -1}};
  /** who likes which articles. */
  private static final Map<String, List<Integer>> LIKES = Map.of(
      "ayu@demo.gerbang.dev", List.of(0, 1, 4), "dedi@demo.gerbang.dev", List.of(0, 1, 3),
      "rina@demo.gerbang.dev", List.of(1, 3), "sari@demo.gerbang.dev", List.of(2), "hendra@demo.gerbang.dev", List.of(1, 3));

  private DemoBlog() {
  }

  /** Seeds the blog and the welcome message; answers what it did, for the command's summary line. */
  static String seed(Vertx vertx, Map<String, User> people) throws Exception {
    TaxonomyService taxonomy = TaxonomyService.proxy(vertx);
    if (await(taxonomy.listCategories(new PageQuery(null, 100, null))).items().stream()
        .anyMatch(c -> CATEGORIES[0][0].equals(c.slug()))) {
      return "the demo blog was already there";
    }
    for (String[] c : CATEGORIES) {
      await(taxonomy.createCategory(CategoryFields.create(c[1], c[0], c[2])));
    }
    ArticleService articles = ArticleService.proxy(vertx);
    Actor editor = actor(people.get(EDITOR));
    String[] slugs = new String[ARTICLES.length];
    for (int i = 0; i < ARTICLES.length; i++) {
      String[] a = ARTICLES[i];
      List<String> tags = Arrays.stream(a[2].split(",")).filter(tag -> !tag.isBlank()).toList();
      slugs[i] = await(articles.create(editor, ArticleFields.builder().title(a[0]).category(a[1]).tags(tags)
          .status(ArticleStatus.fromJson(a[3])).summary(a[4]).body(a[5]).build())).slug();
    }
    CommentService comments = CommentService.proxy(vertx);
    String[] commentIds = new String[COMMENTS.length];
    for (int i = 0; i < COMMENTS.length; i++) {
      Object[] c = COMMENTS[i];
      int parent = (Integer) c[3];
      commentIds[i] = await(comments.create(actor(people.get((String) c[1])), slugs[(Integer) c[0]],
          new NewComment((String) c[2], parent < 0 ? null : commentIds[parent]))).id();
    }
    int likes = 0;
    for (var entry : LIKES.entrySet()) {
      for (int article : entry.getValue()) {
        await(articles.like(actor(people.get(entry.getKey())), slugs[article], true));
        likes++;
      }
    }
    long welcomed = welcome(BroadcastService.proxy(vertx));
    return CATEGORIES.length + " categories, " + (ARTICLES.length - 1) + " published articles and 1 draft, " + COMMENTS.length
        + " comments, " + likes + " likes, a welcome notice to " + welcomed + " accounts";
  }

  /**
   * The admins' welcome to everyone, as an admin's broadcast is sent, but run to its end here (the command has no
   * notify verticle), so that the demo's inboxes are full when the server starts. Answers how many it reached.
   */
  private static long welcome(BroadcastService broadcasts) throws Exception {
    Broadcast welcome = await(broadcasts.queue(Actor.system("seed-demo"), AdminMessage.toAll("Welcome to the Gerbang demo",
        "Everything here is made up: read the blog and comment, open your medical records, try the admin pages.", "/articles"), null));
    String token = Ids.newId();
    // Whatever is queued, the welcome included, a batch per transaction as the notify verticle does.
    for (String job = await(broadcasts.claim(token, 60_000)); job != null; job = await(broadcasts.claim(token, 60_000))) {
      Broadcast state;
      do {
        state = await(broadcasts.step(job, token, 200, 60_000));
      } while (!state.done());
    }
    return await(broadcasts.find(welcome.id())).recipients();
  }

  /** Who the content services see: the account and the roles it holds. */
  private static Actor actor(User user) {
    return new Actor(user.id(), user.roles(), null, "demo-seed");
  }
}
